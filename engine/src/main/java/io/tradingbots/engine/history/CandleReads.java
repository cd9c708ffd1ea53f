package io.tradingbots.engine.history;

import io.tradingbots.engine.market.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reading stored candles for the API: checks a request, resolves its series and narrows its range
 * to what is stored and to the asked maximum. Errors follow the API's convention:
 * IllegalArgumentException for a bad request, NoSuchElementException for a series not stored.
 */
public final class CandleReads {

    public static final int DEFAULT_MAX = 1_000_000;
    public static final int LIMIT = 5_000_000;

    private final CandleHistory history;

    CandleReads(CandleHistory history) {
        this.history = history;
    }

    /** What to read: the series, the range of open times, and whether the asked range was cut. */
    public record Plan(SeriesKey key, TimeRange range, boolean truncated) {}

    /**
     * {@code exchange} empty: the one stored source; {@code to} 0: through the last stored candle;
     * {@code max} 0: {@value #DEFAULT_MAX}. A range longer than {@code max} slots keeps its newest.
     */
    public Plan plan(String exchange, String symbol, String timeframe, long from, long to, int max) {
        String sym = Symbols.symbol(symbol);
        if (timeframe == null || timeframe.isBlank()) {
            throw new IllegalArgumentException("name a timeframe: one of 1m, 5m, 15m, 1h, 4h, 1d");
        }
        Timeframe tf = Timeframe.parse(timeframe);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("times are ms since the epoch, not negative (from " + from + ", to " + to + ")");
        }
        if (to != 0 && to <= from) {
            throw new IllegalArgumentException("empty range: to (" + Instant.ofEpochMilli(to) + ") is not after from ("
                    + Instant.ofEpochMilli(from) + ")");
        }
        if (max < 0 || max > LIMIT) {
            throw new IllegalArgumentException("max_candles must be in 1.." + LIMIT + " (0 = " + DEFAULT_MAX + "), got " + max);
        }
        List<SeriesKey> stored = history.store().series().stream()
                .filter(k -> k.symbol().equals(sym) && k.timeframe() == tf
                        && (exchange == null || exchange.isEmpty() || k.exchange().equals(exchange)))
                .toList();
        if (stored.isEmpty()) {
            throw new NoSuchElementException("no " + sym + " " + tf + " candles are stored"
                    + (exchange == null || exchange.isEmpty() ? "" : " from " + exchange));
        }
        if (stored.size() > 1) {
            throw new IllegalArgumentException(sym + " " + tf + " is stored from several sources ("
                    + stored.stream().map(SeriesKey::exchange).toList() + "): name the exchange");
        }
        SeriesKey key = stored.get(0);
        CandleStore.Extent extent = history.store().extent(key);
        if (extent.count() == 0) {
            throw new NoSuchElementException("no " + key + " candles are stored");
        }
        long slots = max == 0 ? DEFAULT_MAX : max;
        long end = Math.min(to == 0 ? Long.MAX_VALUE : to, extent.last() + tf.millis());
        long start = Math.max(from, extent.first());
        if (end <= start) {
            return new Plan(key, new TimeRange(start, start), false);
        }
        boolean truncated = end - start > slots * tf.millis();
        if (truncated) {
            start = end - slots * tf.millis();
        }
        return new Plan(key, new TimeRange(start, end), truncated);
    }

    /** Candles of {@code range}, ascending, as columns. */
    public CandleColumns read(SeriesKey key, TimeRange range) {
        return history.store().readColumns(key, range);
    }
}
