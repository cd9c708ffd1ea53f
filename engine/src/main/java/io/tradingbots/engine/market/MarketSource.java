package io.tradingbots.engine.market;

import java.util.List;

/**
 * Where prices come from: a simulation, a replay of stored candles, or (later) a live exchange.
 * Implementations are named after their backend.
 */
public interface MarketSource extends AutoCloseable {

    /** For people: what this source is, e.g. "simulated (seed 42, 60x)". */
    String description();

    List<String> symbols();

    /** The interval of the candles {@link MarketListener#onCandle} receives. */
    Timeframe baseTimeframe();

    /** Closed candles from before the live start, oldest first, for warming up indicators. */
    List<Candle> history(String symbol);

    /** Starts delivering events to {@code listener}; returns at once. */
    void start(MarketListener listener);

    /** Wall-clock ms of the last delivered price, or 0 before the first. */
    long lastEventWallMillis();

    /** A short human status, e.g. "running", "replay finished". */
    String status();

    /** Each symbol's feed and its last candle at wall-clock time {@code nowMs}, for the health report. */
    default List<FeedStatus> feeds(long nowMs) {
        return List.of();
    }

    @Override
    void close();
}
