package io.tradingbots.engine.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SymbolFiltersTest {

    /** Binance.US BTCUSD's rules (exchangeInfo, 2024): tick 0.01, step 0.00001, min notional 1. */
    private final SymbolFilters btc = new SymbolFilters("BTC/USD", d("0.01"), d("0.01"), d("1000000"), d("0.00001"),
            d("0.00001"), d("9000"), d("1"));

    @Test
    void quantityIsRoundedDownToTheStep() {
        assertThat(btc.roundQuantity(d("0.123456789"))).isEqualByComparingTo("0.12345");
        assertThat(btc.roundQuantity(d("0.00001"))).isEqualByComparingTo("0.00001");
        assertThat(btc.roundQuantity(d("0.000009"))).isEqualByComparingTo("0");
    }

    @Test
    void limitPricesRoundTowardsTheSafeSide() {
        assertThat(btc.roundPrice(d("43123.456"), Side.BUY)).isEqualByComparingTo("43123.45");
        assertThat(btc.roundPrice(d("43123.451"), Side.SELL)).isEqualByComparingTo("43123.46");
        assertThat(btc.roundPrice(d("43123.45"), Side.SELL)).isEqualByComparingTo("43123.45");
    }

    @Test
    void anAcceptableOrderComesBackRounded() {
        SymbolFilters.Decision d = btc.check(Side.BUY, OrderType.LIMIT, d("0.0012349"), d("40000.009"), null);
        assertThat(d.accepted()).isTrue();
        assertThat(d.quantity()).isEqualByComparingTo("0.00123");
        assertThat(d.price()).isEqualByComparingTo("40000.00");
    }

    @Test
    void belowMinNotionalIsRefusedWithTheRuleAndTheFigures() {
        SymbolFilters.Decision d = btc.check(Side.BUY, OrderType.MARKET, d("0.00002"), null, d("40000"));
        assertThat(d.accepted()).isFalse();
        assertThat(d.refusal()).startsWith("MIN_NOTIONAL: order value 0.8 is below the minimum 1 of BTC/USD");
    }

    @Test
    void belowTheLotSizeIsRefused() {
        SymbolFilters.Decision d = btc.check(Side.SELL, OrderType.MARKET, d("0.000004"), null, d("40000"));
        assertThat(d.refusal()).startsWith("LOT_SIZE: quantity 0.000004 is below the minimum 0.00001");
    }

    @Test
    void aMarketOrderWithoutAnyPriceCannotBeValued() {
        assertThat(btc.check(Side.BUY, OrderType.MARKET, d("1"), null, null).refusal()).contains("no price known");
    }

    @Test
    void noFiltersAcceptAnything() {
        assertThat(SymbolFilters.none("X/Y").check(Side.BUY, OrderType.MARKET, d("0.000000001"), null, null).accepted()).isTrue();
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }
}
