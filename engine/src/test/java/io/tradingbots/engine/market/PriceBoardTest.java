package io.tradingbots.engine.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceBoardTest {

    private static PriceTick tick(long minutes, String price) {
        return new PriceTick("BTC/USD", 1_600_000_000_000L + minutes * 60_000, new BigDecimal(price));
    }

    @Test
    void changeIsUnknownUntilADayOfPricesExists() {
        PriceBoard board = new PriceBoard();
        assertThat(board.update(tick(0, "100")).change24hPercent()).isNull();
        assertThat(board.update(tick(1439, "150")).change24hPercent()).isNull();
    }

    @Test
    void changeIsAgainstThePriceOneDayEarlier() {
        PriceBoard board = new PriceBoard();
        board.update(tick(0, "100"));
        board.update(tick(60, "120"));
        assertThat(board.update(tick(1440, "110")).change24hPercent()).isEqualByComparingTo("10.00");
        // an hour later the base is the price from 23 hours before that hour: 120
        assertThat(board.update(tick(1500, "90")).change24hPercent()).isEqualByComparingTo("-25.00");
    }
}
