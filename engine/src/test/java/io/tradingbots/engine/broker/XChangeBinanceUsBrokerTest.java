package io.tradingbots.engine.broker;

import static io.tradingbots.engine.broker.PaperBrokerTest.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.bench.FakeBinanceUsSpot;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.ClientOrderIds;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.order.OrderRequest;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.order.SymbolFilters;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live broker against the loopback fake Binance.US: signed requests, real JSON, injected faults. */
class XChangeBinanceUsBrokerTest {

    private static final String KEY = "test-key-vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "test-secret-NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final AtomicInteger DB = new AtomicInteger();

    private FakeBinanceUsSpot fake;
    private Database db;
    private OrderJournal journal;
    private final TestClock clock = new TestClock(System.currentTimeMillis());
    private final LatestPrices prices = new LatestPrices();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBinanceUsSpot(KEY, SECRET);
        fake.setBalance("USD", "1000");
        fake.setPrice("BTCUSD", "40000");
        prices.update(new PriceTick("BTC/USD", 1, d("40000")));
        db = Database.inMemory("live" + DB.incrementAndGet());
        journal = OrderJournal.open(db);
    }

    @AfterEach
    void stop() {
        journal.close();
        db.close();
        fake.close();
    }

    private XChangeBinanceUsBroker broker(String key, String secret) {
        return new XChangeBinanceUsBroker(key, secret,
                XChangeBinanceUsBroker.Settings.defaults().withBaseUrl(fake.url()).withBackoff(3, 50));
    }

    private OrderRouter router() {
        OrderRouter r = new OrderRouter(journal, broker(KEY, SECRET), prices, clock);
        if (r.state("live").balances().isEmpty()) {
            r.fund("live", "USD", d("1000"), "whole account");
        }
        return r;
    }

    @Test
    void filtersComeFromExchangeInfo() {
        SymbolFilters f = broker(KEY, SECRET).filters("BTC/USD");
        assertThat(f.tickSize()).isEqualByComparingTo("0.01");
        assertThat(f.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(f.minNotional()).isEqualByComparingTo("10");
        assertThatThrownBy(() -> broker(KEY, SECRET).filters("DOGE/EUR")).hasMessageContaining("not listed");
    }

    @Test
    void aMarketBuyIsSignedFilledAndTheJournalMatchesTheAccount() {
        OrderRouter r = router();
        Order o = r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), "signal"));
        assertThat(o.state()).isEqualTo(OrderState.FILLED);
        assertThat(o.exchangeOrderId()).isNotBlank();
        assertThat(fake.countOrders(o.clientOrderId())).isEqualTo(1);
        // Binance charges a buy's commission in the base asset: 0.01 x 0.1% = 0.00001 BTC
        assertThat(r.state("live").balance("BTC")).isEqualByComparingTo("0.00999").isEqualByComparingTo(fake.free("BTC"));
        assertThat(r.state("live").balance("USD")).isEqualByComparingTo("600").isEqualByComparingTo(fake.free("USD"));
        assertThat(fake.signatureFailures.get()).isZero();
    }

    @Test
    void aLostReplyIsFoundByClientOrderIdAndNotSentTwice() {
        OrderRouter r = router();
        fake.loseNextOrderReply.set(1);
        Order o = r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), "signal"));
        assertThat(o.state()).isEqualTo(OrderState.FILLED);
        assertThat(fake.ordersPlaced.get()).isEqualTo(1);
        assertThat(fake.countOrders(o.clientOrderId())).isEqualTo(1);
        assertThat(r.state("live").balance("BTC")).isEqualByComparingTo(fake.free("BTC"));
        assertThat(journal.read("live")).extracting(JournalEvent::kind).containsSubsequence(JournalEvent.Kind.SUBMITTED,
                JournalEvent.Kind.ACKNOWLEDGED, JournalEvent.Kind.FILL);
    }

    @Test
    void aPartialFillIsBookedAndTheRestLater() {
        OrderRouter r = router();
        fake.partialNext.set(1);
        Order o = r.submit(OrderRequest.limit("live", "BTC/USD", Side.BUY, d("0.01"), d("40100"), "signal"));
        assertThat(o.state()).isEqualTo(OrderState.PARTIALLY_FILLED);
        assertThat(o.filledQuantity()).isEqualByComparingTo("0.005");
        fake.fillRest(o.clientOrderId());
        r.syncOpenOrders();
        Order done = r.order("live", o.clientOrderId());
        assertThat(done.state()).isEqualTo(OrderState.FILLED);
        assertThat(done.filledQuantity()).isEqualByComparingTo("0.01");
        assertThat(r.state("live").balance("BTC")).isEqualByComparingTo(fake.free("BTC"));
        assertThat(r.state("live").balance("USD")).isEqualByComparingTo(fake.free("USD"));
    }

    @Test
    void rejectionsSurfaceWithBinancesCodeAndText() {
        OrderRouter r = router();
        fake.filterRejectNext.set(1);
        Order filter = r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), ""));
        assertThat(filter.state()).isEqualTo(OrderState.REJECTED);
        assertThat(filter.reason()).isEqualTo("binanceus refused it: Binance.US -1013 Filter failure: LOT_SIZE");
        fake.setBalance("USD", "100"); // someone spent the money outside the engine
        Order poor = r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), ""));
        assertThat(poor.reason()).isEqualTo("binanceus refused it: Binance.US -2010 Account has insufficient balance for requested action.");
        assertThat(r.state("live").balance("USD")).isEqualByComparingTo("1000"); // nothing booked
    }

    @Test
    void rateLimitingIsWaitedOutAndTheOrderPlacedOnce() {
        OrderRouter r = router();
        fake.force429Next.set(2);
        Order o = r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), ""));
        assertThat(o.state()).isEqualTo(OrderState.FILLED);
        assertThat(fake.replies429.get()).isEqualTo(2);
        assertThat(fake.ordersPlaced.get()).isEqualTo(1);
        fake.force429Next.set(5);
        Order gaveUp = r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.001"), ""));
        assertThat(gaveUp.state()).isEqualTo(OrderState.REJECTED);
        assertThat(gaveUp.reason()).contains("rate limited").contains("gave up after 3 tries");
    }

    @Test
    void a5xxOnANewOrderIsAnUnknownOutcomeSettledByTheLookupAndTheAcceptanceWindow() {
        OrderRouter r = router();
        fake.fail5xxNext.set(1);
        Order o = r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), ""));
        assertThat(o.state()).isEqualTo(OrderState.SUBMITTED); // Binance: a 5xx's outcome is unknown
        clock.advance(7_000);
        r.syncOpenOrders();
        assertThat(r.order("live", o.clientOrderId()).state()).isEqualTo(OrderState.REJECTED);
        assertThat(fake.ordersPlaced.get()).isZero();
    }

    @Test
    void wrongKeysAreNamedWithoutShowingThem() {
        OrderRouter r = new OrderRouter(journal, broker(KEY, "not-the-secret-0123456789"), prices, clock);
        r.fund("live", "USD", d("1000"), "");
        Order badSecret = r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), ""));
        assertThat(badSecret.reason()).contains("-1022").contains("secret does not match").doesNotContain("not-the-secret");
        Order badKey = new OrderRouter(journal, broker("some-other-key-abc", SECRET), prices, clock)
                .submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), ""));
        assertThat(badKey.reason()).contains("-2015").contains("API key is wrong").doesNotContain("some-other-key-abc")
                .doesNotContain(SECRET);
        assertThat(broker(KEY, SECRET).toString()).doesNotContain(KEY).doesNotContain(SECRET);
        assertThatThrownBy(() -> new XChangeBinanceUsBroker("", "", XChangeBinanceUsBroker.Settings.defaults()))
                .hasMessageContaining("needs a Binance.US API key and secret");
        assertThat(fake.ordersPlaced.get()).isZero();
    }

    @Test
    void afterACrashBetweenSendingAndJournalingTheAnswerTheOrderIsAdoptedAtRestart() {
        String id = ClientOrderIds.make(journal.tag(), "live", 1);
        OrderRouter first = router();
        journal.append(JournalEvent.intent(id, 1, OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), "signal"), clock.millis()));
        journal.append(JournalEvent.submitted("live", id, clock.millis()));
        // the request reached the exchange, then the engine died before journaling the reply
        broker(KEY, SECRET).place(new Order(id, "live", 1, "BTC/USD", Side.BUY, io.tradingbots.engine.order.OrderType.MARKET,
                d("0.01"), null, OrderState.SUBMITTED, null, d("0"), d("0"), "", 0, 0));
        assertThat(first.state("live").balance("BTC")).isEqualByComparingTo("0");
        OrderRouter restarted = new OrderRouter(journal, broker(KEY, SECRET), prices, clock);
        RecoveryReport report = restarted.recover();
        assertThat(report.halted()).isEmpty();
        assertThat(report.actions()).anyMatch(a -> a.contains("adopted")).anyMatch(a -> a.contains("booked 1 fill"));
        assertThat(restarted.order("live", id).state()).isEqualTo(OrderState.FILLED);
        assertThat(restarted.state("live").balance("BTC")).isEqualByComparingTo(fake.free("BTC"));
        assertThat(fake.countOrders(id)).isEqualTo(1);
    }

    @Test
    void moneyMissingAtTheExchangeHaltsTheBotAtRestart() {
        OrderRouter r = router();
        r.submit(OrderRequest.market("live", "BTC/USD", Side.BUY, d("0.01"), ""));
        fake.setBalance("BTC", "0.001"); // withdrawn behind the engine's back
        RecoveryReport report = new OrderRouter(journal, broker(KEY, SECRET), prices, clock).recover();
        assertThat(report.halted()).containsOnlyKeys("live");
        assertThat(report.halted().get("live")).contains("holds 0.001 BTC").contains("0.00999");
    }
}
