package io.tradingbots.engine.broker;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.order.OrderRequest;
import io.tradingbots.engine.order.Side;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * A deterministic paper trading run on a file journal, resumable: step i (price, bot, order) is a
 * function of i and of the journal, and a restart resumes at the first step the journal lacks.
 * {@link JournalKillIT} kills it with SIGKILL at random moments. Args: data dir, steps, bots.
 */
public final class JournalCrashDriver {

    private JournalCrashDriver() {}

    static final long BASE_TIME = 1_700_000_000_000L;

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        int bots = Integer.parseInt(args[2]);
        TestClock clock = new TestClock(BASE_TIME);
        try (Database db = Database.openFile(dir); OrderJournal journal = OrderJournal.open(db)) {
            LatestPrices prices = new LatestPrices();
            PaperBroker paper = new PaperBroker(prices, s -> PaperBrokerTest.BTC, PaperBroker.Settings.defaults());
            OrderRouter router = new OrderRouter(journal, paper, prices, clock);
            router.recover();
            for (int b = 0; b < bots; b++) {
                if (router.state("bot" + b).balances().isEmpty()) {
                    router.fund("bot" + b, "USD", new BigDecimal("10000"), "capital");
                }
            }
            long done = router.states().values().stream().mapToLong(BotState::orderCount).sum();
            System.out.println("ready at step " + done);
            System.out.flush();
            for (int i = (int) done; i < steps; i++) {
                clock.set(BASE_TIME + i * 1_000L);
                PriceTick tick = new PriceTick("BTC/USD", BASE_TIME + i * 1_000L, price(i));
                prices.update(tick);
                router.onPrice(tick);
                String bot = "bot" + (i % bots);
                for (var open : router.openOrders(bot)) {
                    if (open.createdAt() <= clock.millis() - 2 * bots * 1_000L) {
                        router.cancel(bot, open.clientOrderId(), "stale after two turns");
                    }
                }
                BotState s = router.state(bot);
                boolean holds = s.balance("BTC").compareTo(new BigDecimal("0.01")) >= 0;
                Side side = holds ? Side.SELL : Side.BUY;
                if (i % 3 == 0) {
                    // a limit order a little away from the market: it rests and fills on a later tick (or is refused)
                    BigDecimal limit = side == Side.BUY ? tick.price().subtract(new BigDecimal("15")) : tick.price().add(new BigDecimal("15"));
                    router.submit(OrderRequest.limit(bot, "BTC/USD", side, new BigDecimal("0.01"), limit, "step " + i));
                } else {
                    router.submit(OrderRequest.market(bot, "BTC/USD", side, new BigDecimal("0.01"), "step " + i));
                }
            }
        }
        System.out.println("done");
    }

    /** A deterministic walk around 40,000 with steps of up to ±10. */
    static BigDecimal price(int i) {
        long cents = 4_000_000 + Math.floorMod(i * 7919L, 2_001) - 1_000 + (i % 97) * 20L;
        return BigDecimal.valueOf(cents, 2);
    }
}
