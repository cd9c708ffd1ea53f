package io.tradingbots.engine.market;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays stored candles on an accelerated clock: at speed S, a candle of duration D is delivered
 * every D/S of wall time. Candles of several symbols are merged in open-time order. For each candle
 * the listener first sees its open price, then its close price, then the closed candle.
 */
public final class ReplayMarket extends TimedMarketSource {

    private final List<Candle> timeline = new ArrayList<>();
    private final List<String> symbols;
    private final Timeframe base;
    private final double speed;
    private final String description;
    private int next;

    public ReplayMarket(Map<String, List<Candle>> candlesBySymbol, double speed, String description) {
        super("market-replay");
        if (candlesBySymbol.isEmpty()) {
            throw new IllegalArgumentException("replay needs candles for at least one symbol");
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        Timeframe tf = null;
        for (var e : candlesBySymbol.entrySet()) {
            for (Candle c : e.getValue()) {
                if (tf == null) {
                    tf = c.timeframe();
                } else if (tf != c.timeframe()) {
                    throw new IllegalArgumentException("replay files must share one timeframe: " + tf + " and "
                            + c.timeframe() + " (" + e.getKey() + ")");
                }
            }
            timeline.addAll(e.getValue());
        }
        timeline.sort(Comparator.comparingLong(Candle::openTime).thenComparing(Candle::symbol));
        this.symbols = List.copyOf(new LinkedHashMap<>(candlesBySymbol).keySet());
        this.base = tf;
        this.speed = speed;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    String feedVenue() {
        return "replay";
    }

    @Override
    long expectedIntervalMs() {
        return Math.max(1, Math.round(base.millis() / speed));
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public Timeframe baseTimeframe() {
        return base;
    }

    @Override
    public List<Candle> history(String symbol) {
        return List.of();
    }

    @Override
    public void start(MarketListener listener) {
        long periodMicros = Math.max(1, Math.round(base.millis() * 1000.0 / speed));
        startTimer(periodMicros, () -> deliverNext(listener));
        setStatus("replaying");
    }

    /** Delivers every candle that opens at the next open time (one per symbol). */
    private void deliverNext(MarketListener listener) {
        if (next >= timeline.size()) {
            return;
        }
        long openTime = timeline.get(next).openTime();
        while (next < timeline.size() && timeline.get(next).openTime() == openTime) {
            Candle c = timeline.get(next++);
            listener.onPrice(new PriceTick(c.symbol(), c.openTime(), c.open()));
            listener.onPrice(new PriceTick(c.symbol(), c.closeTime() - 1, c.close()));
            listener.onCandle(c);
            markCandle(c);
        }
        markEvent();
        if (next >= timeline.size()) {
            setStatus("replay finished (" + timeline.size() + " candles)");
            listener.onFinished();
            stopTimer();
        }
    }

    @Override
    public void close() {
        closeTimer(next < timeline.size() ? "stopped" : null);
    }
}
