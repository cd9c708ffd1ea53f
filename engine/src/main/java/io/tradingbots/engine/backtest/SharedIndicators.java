package io.tradingbots.engine.backtest;

import io.tradingbots.engine.strategy.WindowSma;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Indicator values computed once per series and shared by every backtest on it (a sweep's
 * combinations that share a parameter share its average). Thread-safe; arrays are never written
 * after they are published.
 */
public final class SharedIndicators {

    private final Bars bars;
    private final ConcurrentHashMap<Integer, double[]> sma = new ConcurrentHashMap<>();

    public SharedIndicators(Bars bars) {
        this.bars = bars;
    }

    Bars bars() {
        return bars;
    }

    /** SMA(n) of the close, as {@link WindowSma} computes it. */
    double[] sma(int n) {
        return sma.computeIfAbsent(n, k -> WindowSma.of(bars.close, k));
    }

    /** How many distinct averages have been computed. */
    public int smaCount() {
        return sma.size();
    }
}
