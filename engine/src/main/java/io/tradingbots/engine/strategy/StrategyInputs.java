package io.tradingbots.engine.strategy;

import org.ta4j.core.BarSeries;

/**
 * What a strategy is built on: the traded series and, for {@code arbitrage}, a second series of
 * the same pair from another source, aligned bar for bar (same open times at the same indices).
 * {@code feeRate} is the fee per fill the strategy must beat (arbitrage thresholds include it).
 */
public record StrategyInputs(BarSeries series, BarSeries second, double feeRate) {

    public static StrategyInputs of(BarSeries series) {
        return new StrategyInputs(series, null, 0);
    }
}
