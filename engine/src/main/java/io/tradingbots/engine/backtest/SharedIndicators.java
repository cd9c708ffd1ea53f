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

    private org.ta4j.core.BarSeries series;
    private org.ta4j.core.BarSeries secondSeries;
    private Bars second;

    /** The ta4j series of the bars, built once (read-only afterwards, so runs on several threads may share it). */
    synchronized org.ta4j.core.BarSeries series() {
        if (series == null) {
            series = bars.toSeries();
        }
        return series;
    }

    synchronized org.ta4j.core.BarSeries secondSeries(Bars s) {
        if (secondSeries == null || second != s) {
            second = s;
            secondSeries = s.toSeries();
        }
        return secondSeries;
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
