package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.bench.CandleFeed;
import io.tradingbots.engine.bench.FakeBinanceUsSpot;
import io.tradingbots.engine.broker.XChangeBinanceUsBroker;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.MarketListener;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.Order;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The five bots in live mode: the real XChange Binance.US broker against the loopback fake exchange (signed requests). */
class LiveBotsTest {

    private static final String KEY = "live-test-key";
    private static final String SECRET = "live-test-secret";

    @Test
    void liveBotsTradeThroughTheFakeExchangeEachOrderOnceAndARestartAdoptsEverything() throws Exception {
        BotPlan plan = RuntimeHarness.fastPlan();
        Map<String, List<Candle>> market = RuntimeHarness.market(900);
        try (FakeBinanceUsSpot fake = new FakeBinanceUsSpot(KEY, SECRET); Database db = Database.inMemory("live-bots-" + System.nanoTime())) {
            fake.setBalance("USD", "1000");
            fake.setPrice("BTCUSD", market.get("BTC/USD").get(0).open().toPlainString());
            fake.setPrice("ETHUSD", market.get("ETH/USD").get(0).open().toPlainString());
            RuntimeHarness h = new RuntimeHarness(db, plan, paper -> new XChangeBinanceUsBroker(KEY, SECRET,
                    XChangeBinanceUsBroker.Settings.defaults().withBaseUrl(fake.url()).withBackoff(3, 50)));
            CandleFeed.drive(new MarketListener() {
                public void onPrice(PriceTick t) {
                    fake.setPrice(t.symbol().replace("/", ""), t.price().toPlainString());
                    h.runner.onPrice(t);
                }

                public void onCandle(Candle c) {
                    h.runner.onCandle(c);
                }
            }, market);
            long orders = 0;
            for (BotSpec s : plan.bots()) {
                BotState st = h.router.state(s.id());
                assertThat(st.haltReason()).as(s.id()).isNull();
                for (Order o : h.router.orders(s.id())) {
                    orders++;
                    assertThat(fake.countOrders(o.clientOrderId())).as("%s sent once", o.clientOrderId()).isEqualTo(1);
                    if (o.filledQuantity().signum() > 0) {
                        assertThat(o.exchangeOrderId()).as("acknowledged by the exchange").isNotBlank();
                    }
                }
            }
            assertThat(orders).as("orders sent to the fake exchange").isPositive();
            assertThat(fake.ordersPlaced.get()).isEqualTo(orders);
            Map<String, String> before = BotRunnerTest.fingerprint(h, plan);
            h.close();

            // a restart: the router reconciles with the exchange before any bot trades; nothing changes, nothing is sent
            RuntimeHarness again = new RuntimeHarness(db, plan, paper -> new XChangeBinanceUsBroker(KEY, SECRET,
                    XChangeBinanceUsBroker.Settings.defaults().withBaseUrl(fake.url()).withBackoff(3, 50)));
            assertThat(BotRunnerTest.firstDifferences(BotRunnerTest.fingerprint(again, plan), before)).isEmpty();
            assertThat(fake.ordersPlaced.get()).isEqualTo(orders);
            again.close();
        }
    }
}
