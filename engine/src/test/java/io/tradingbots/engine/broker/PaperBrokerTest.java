package io.tradingbots.engine.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.order.OrderRequest;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperBrokerTest {

    static final SymbolFilters BTC = new SymbolFilters("BTC/USD", d("0.01"), d("0.01"), d("1000000"), d("0.00001"),
            d("0.00001"), d("9000"), d("10"));

    @TempDir
    Path dir;

    private final LatestPrices prices = new LatestPrices();
    private final TestClock clock = new TestClock(1_700_000_000_000L);

    private OrderRouter router(OrderJournal j) {
        return new OrderRouter(j, new PaperBroker(prices, s -> BTC, PaperBroker.Settings.defaults()), prices, clock);
    }

    @Test
    void aMarketBuyFillsAtTheLastPricePlusSlippageWithTheTakerFee() {
        try (Database db = Database.openFile(dir); OrderJournal j = OrderJournal.open(db)) {
            OrderRouter r = router(j);
            r.fund("core", "USD", d("300"), "30% of 1000");
            prices.update(new PriceTick("BTC/USD", 1_000, d("40000")));
            Order o = r.submit(OrderRequest.market("core", "BTC/USD", Side.BUY, d("0.0050009"), "SMA10 crossed above SMA30"));
            // quantity rounded down to the step; price 40000 x 1.0005 = 40020; fee 0.005 x 40020 x 0.001 = 0.2001
            assertThat(o.state()).isEqualTo(OrderState.FILLED);
            assertThat(o.quantity()).isEqualByComparingTo("0.005");
            assertThat(o.averagePrice()).isEqualByComparingTo("40020");
            BotState s = r.state("core");
            assertThat(s.balance("USD")).isEqualByComparingTo("99.6999"); // 300 - 200.1 - 0.2001
            assertThat(s.balance("BTC")).isEqualByComparingTo("0.005");
            assertThat(s.feesPaid().get("USD")).isEqualByComparingTo("0.2001");
            assertThat(j.read("core")).extracting(JournalEvent::kind).containsExactly(JournalEvent.Kind.FUNDS,
                    JournalEvent.Kind.INTENT, JournalEvent.Kind.SUBMITTED, JournalEvent.Kind.ACKNOWLEDGED, JournalEvent.Kind.FILL);
        }
        try (Database db = Database.openFile(dir); OrderJournal j = OrderJournal.open(db)) {
            BotState again = router(j).state("core");
            assertThat(again.balance("USD")).isEqualByComparingTo("99.6999");
            assertThat(again.balance("BTC")).isEqualByComparingTo("0.005");
        }
    }

    @Test
    void aSellGetsTheLastPriceLessSlippageRoundedDownToTheTick() {
        try (Database db = Database.inMemory("paper-sell"); OrderJournal j = OrderJournal.open(db)) {
            OrderRouter r = router(j);
            r.fund("b", "USD", d("1000"), "");
            prices.update(new PriceTick("BTC/USD", 1, d("40000")));
            r.submit(OrderRequest.market("b", "BTC/USD", Side.BUY, d("0.01"), ""));
            prices.update(new PriceTick("BTC/USD", 2, d("41000.03")));
            Order sell = r.submit(OrderRequest.market("b", "BTC/USD", Side.SELL, d("0.01"), ""));
            // 41000.03 x 0.9995 = 40979.529985 -> 40979.52
            assertThat(sell.averagePrice()).isEqualByComparingTo("40979.52");
            BotState s = r.state("b");
            // bought 0.01 at 40020 (fee 0.4002), sold at 40979.52 (fee 0.4097952 -> 0.40979520)
            assertThat(s.realisedPnl()).isEqualByComparingTo("8.7852048"); // 409.7952 - 0.4097952 - (400.2 + 0.4002)
            assertThat(s.balance("BTC")).isEqualByComparingTo("0");
        }
    }

    @Test
    void aLimitBuyRestsThenFillsAtItsPriceWithTheMakerFee() {
        try (Database db = Database.inMemory("paper-limit"); OrderJournal j = OrderJournal.open(db)) {
            OrderRouter r = router(j);
            r.fund("b", "USD", d("1000"), "");
            prices.update(new PriceTick("BTC/USD", 1, d("40000")));
            Order o = r.submit(OrderRequest.limit("b", "BTC/USD", Side.BUY, d("0.01"), d("39000.009"), ""));
            assertThat(o.state()).isEqualTo(OrderState.ACKNOWLEDGED);
            assertThat(o.limitPrice()).isEqualByComparingTo("39000");
            assertThat(r.state("b").openOrders()).hasSize(1);
            // funds held by the open order: 390 of 1000
            r.onPrice(tick(2, "39500"));
            assertThat(r.order("b", o.clientOrderId()).state()).isEqualTo(OrderState.ACKNOWLEDGED);
            r.onPrice(tick(3, "38990"));
            Order filled = r.order("b", o.clientOrderId());
            assertThat(filled.state()).isEqualTo(OrderState.FILLED);
            assertThat(filled.averagePrice()).isEqualByComparingTo("39000");
            assertThat(r.state("b").balance("USD")).isEqualByComparingTo("609.61"); // 1000 - 390 - 0.39
        }
    }

    @Test
    void ordersBreakingAFilterOrTheFundsAreRefusedWithTheReasonAndJournaled() {
        try (Database db = Database.inMemory("paper-refuse"); OrderJournal j = OrderJournal.open(db)) {
            OrderRouter r = router(j);
            r.fund("b", "USD", d("100"), "");
            prices.update(new PriceTick("BTC/USD", 1, d("40000")));
            Order small = r.submit(OrderRequest.market("b", "BTC/USD", Side.BUY, d("0.0002"), ""));
            assertThat(small.state()).isEqualTo(OrderState.REJECTED);
            assertThat(small.reason()).startsWith("MIN_NOTIONAL: order value 8 is below the minimum 10 of BTC/USD");
            Order big = r.submit(OrderRequest.market("b", "BTC/USD", Side.BUY, d("0.01"), ""));
            assertThat(big.reason()).isEqualTo("insufficient USD: needs 400.4 with fee, 100 available");
            Order naked = r.submit(OrderRequest.market("b", "BTC/USD", Side.SELL, d("0.001"), ""));
            assertThat(naked.reason()).isEqualTo("insufficient BTC: selling 0.001, 0 available");
            assertThat(r.state("b").balance("USD")).isEqualByComparingTo("100");
            assertThat(j.read("b")).filteredOn(e -> e.kind() == JournalEvent.Kind.REJECTED).hasSize(3);
        }
    }

    @Test
    void aCancelledLimitOrderReleasesItsFunds() {
        try (Database db = Database.inMemory("paper-cancel"); OrderJournal j = OrderJournal.open(db)) {
            OrderRouter r = router(j);
            r.fund("b", "USD", d("500"), "");
            prices.update(new PriceTick("BTC/USD", 1, d("40000")));
            Order o = r.submit(OrderRequest.limit("b", "BTC/USD", Side.BUY, d("0.01"), d("39000"), ""));
            assertThat(r.submit(OrderRequest.limit("b", "BTC/USD", Side.BUY, d("0.01"), d("39000"), "")).reason())
                    .startsWith("insufficient USD");
            Order c = r.cancel("b", o.clientOrderId(), "strategy changed its mind");
            assertThat(c.state()).isEqualTo(OrderState.CANCELLED);
            assertThat(c.reason()).isEqualTo("strategy changed its mind");
            assertThat(r.submit(OrderRequest.limit("b", "BTC/USD", Side.BUY, d("0.01"), d("39000"), "")).state())
                    .isEqualTo(OrderState.ACKNOWLEDGED);
        }
    }

    @Test
    void aRestingOrderSurvivesARestartAndFillsAfterIt() {
        String id;
        try (Database db = Database.openFile(dir); OrderJournal j = OrderJournal.open(db)) {
            OrderRouter r = router(j);
            r.fund("b", "USD", d("1000"), "");
            r.fund("b", "BTC", d("0.01"), "transfer in");
            prices.update(new PriceTick("BTC/USD", 1, d("40000")));
            id = r.submit(OrderRequest.limit("b", "BTC/USD", Side.SELL, d("0.01"), d("41000"), "")).clientOrderId();
            assertThat(r.order("b", id).state()).isEqualTo(OrderState.ACKNOWLEDGED);
        }
        try (Database db = Database.openFile(dir); OrderJournal j = OrderJournal.open(db)) {
            OrderRouter r = router(j); // a new paper venue that knows nothing
            RecoveryReport report = r.recover();
            assertThat(report.halted()).isEmpty();
            assertThat(r.state("b").openOrders()).extracting(Order::clientOrderId).containsExactly(id);
            r.onPrice(tick(5, "41000.5"));
            assertThat(r.order("b", id).state()).isEqualTo(OrderState.FILLED);
            assertThat(r.state("b").balance("USD")).isEqualByComparingTo("1409.59"); // 1000 + 410 - 0.41
        }
    }

    private static PriceTick tick(long t, String price) {
        return new PriceTick("BTC/USD", t, d(price));
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }
}
