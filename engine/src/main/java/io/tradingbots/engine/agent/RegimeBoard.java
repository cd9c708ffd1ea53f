package io.tradingbots.engine.agent;

import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.CandleAggregator;
import io.tradingbots.engine.market.Timeframe;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every symbol's latest regime, on one timeframe (hourly in the engine): the market thread feeds
 * base candles, any thread reads. One analyzer and one aggregator per symbol.
 */
public final class RegimeBoard {

    private final Timeframe base;
    private final Timeframe timeframe;
    private final Map<String, CandleAggregator> aggregators = new ConcurrentHashMap<>();
    private final Map<String, RegimeAnalyzer> analyzers = new ConcurrentHashMap<>();
    private final Map<String, RegimeReading> latest = new ConcurrentHashMap<>();

    public RegimeBoard(Timeframe base, Timeframe timeframe) {
        if (timeframe.millis() < base.millis() || timeframe.millis() % base.millis() != 0) {
            throw new IllegalArgumentException("regimes on " + timeframe + " cannot be built from " + base + " candles");
        }
        this.base = base;
        this.timeframe = timeframe;
    }

    /** A closed base candle; returns the readings of the regime candles it closed (usually none). */
    public List<RegimeReading> onCandle(Candle c) {
        List<Candle> closed = aggregators.computeIfAbsent(c.symbol(), s -> new CandleAggregator(s, base, timeframe)).add(c);
        if (closed.isEmpty()) {
            return List.of();
        }
        RegimeAnalyzer a = analyzers.computeIfAbsent(c.symbol(), s -> new RegimeAnalyzer(s, RegimeAnalyzer.Settings.defaults()));
        return closed.stream().map(done -> {
            RegimeReading r = a.onCandle(done);
            latest.put(r.symbol(), r);
            return r;
        }).toList();
    }

    /** The latest reading per symbol, sorted by symbol. */
    public Map<String, RegimeReading> latest() {
        return new TreeMap<>(latest);
    }

    public Timeframe timeframe() {
        return timeframe;
    }
}
