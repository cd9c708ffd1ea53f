package io.tradingbots.engine.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live one-minute candles polled from an exchange (the feed hides which one). Each poll asks, per
 * symbol, for the candles closed since the last one delivered and hands them on in order, each
 * with a price tick at its close. A failed poll is retried at the next one; the status says so.
 */
public final class LiveCandleMarket extends TimedMarketSource {

    private static final Logger log = LoggerFactory.getLogger(LiveCandleMarket.class);

    /** Closed candles of {@code symbol} with open time in [start, end), ascending. */
    public interface Feed {
        List<Candle> closedCandles(String symbol, long start, long end);
    }

    static final int WARM_UP_CANDLES = 1_000;

    private final Feed feed;
    private final String venue;
    private final List<String> symbols;
    private final String description;
    private final LongSupplier clock;
    private final long pollMs;
    private final Map<String, List<Candle>> warmUp = new HashMap<>();
    private final Map<String, Long> nextOpen = new HashMap<>();

    /** Loads the warm-up history at once: an exchange that cannot be reached fails here. */
    public LiveCandleMarket(Feed feed, List<String> symbols, String description, LongSupplier clockMs, long pollMs) {
        this(feed, "live", symbols, description, clockMs, pollMs);
    }

    /** {@code venue} names the feeds in the health report ("binanceus" gives "binanceus BTC/USD 1m"). */
    public LiveCandleMarket(Feed feed, String venue, List<String> symbols, String description, LongSupplier clockMs, long pollMs) {
        super("market-live");
        this.venue = venue;
        this.feed = feed;
        this.symbols = List.copyOf(symbols);
        this.description = description;
        this.clock = clockMs;
        this.pollMs = pollMs;
        long end = Timeframe.M1.floor(clockMs.getAsLong());
        for (String s : this.symbols) {
            List<Candle> history = feed.closedCandles(s, end - WARM_UP_CANDLES * Timeframe.M1.millis(), end);
            warmUp.put(s, history);
            if (!history.isEmpty()) {
                markCandle(history.get(history.size() - 1));
            }
            nextOpen.put(s, history.isEmpty() ? end : history.get(history.size() - 1).closeTime());
        }
        setStatus("warmed up");
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    String feedVenue() {
        return venue;
    }

    @Override
    long expectedIntervalMs() {
        return Timeframe.M1.millis();
    }

    @Override
    boolean live() {
        return true;
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public Timeframe baseTimeframe() {
        return Timeframe.M1;
    }

    @Override
    public List<Candle> history(String symbol) {
        return warmUp.getOrDefault(symbol, List.of());
    }

    @Override
    public void start(MarketListener listener) {
        setStatus("running");
        startTimer(pollMs * 1000, () -> poll(listener));
    }

    void poll(MarketListener listener) {
        long end = Timeframe.M1.floor(clock.getAsLong());
        for (String s : symbols) {
            long from = nextOpen.get(s);
            if (from >= end) {
                continue;
            }
            List<Candle> got;
            try {
                got = new ArrayList<>(feed.closedCandles(s, from, end));
            } catch (RuntimeException e) {
                setStatus("exchange not answering: " + e.getMessage());
                log.warn("live candles for {}: {}", s, e.getMessage());
                continue;
            }
            for (Candle c : got) {
                if (c.openTime() < from) {
                    continue; // never deliver a candle twice
                }
                listener.onPrice(new PriceTick(s, c.closeTime(), c.close()));
                listener.onCandle(c);
                markCandle(c);
                markEvent();
                from = c.closeTime();
            }
            nextOpen.put(s, from);
            setStatus("running");
        }
    }

    @Override
    public void close() {
        closeTimer("stopped");
    }
}
