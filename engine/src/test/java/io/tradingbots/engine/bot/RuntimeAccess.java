package io.tradingbots.engine.bot;

import io.tradingbots.engine.db.Database;

/** Test access to a driven runtime for tests outside this package. */
public final class RuntimeAccess implements AutoCloseable {

    private final RuntimeHarness h;

    private RuntimeAccess(RuntimeHarness h) {
        this.h = h;
    }

    public static RuntimeAccess start(Database db, BotPlan plan) {
        return new RuntimeAccess(new RuntimeHarness(db, plan));
    }

    public static BotPlan fastPlan() {
        return RuntimeHarness.fastPlan();
    }

    /** The seeded 1m candles {@link #drive} feeds: BTC/USD and ETH/USD, {@code n} each. */
    public static java.util.Map<String, java.util.List<io.tradingbots.engine.market.Candle>> market(int n) {
        return RuntimeHarness.market(n);
    }

    public BotRunner runner() {
        return h.runner;
    }

    public BotEvents events() {
        return h.events;
    }

    public void drive(int candles) {
        h.drive(RuntimeHarness.market(candles));
    }

    public long fills(String bot) {
        return h.router.state(bot).fillCount();
    }

    public long orders(String bot) {
        return h.router.orders(bot).size();
    }

    @Override
    public void close() {
        h.close();
    }
}
