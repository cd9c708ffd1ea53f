package io.tradingbots.engine.bot;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/** SMA(fast) crossing above SMA(slow) enters; crossing below exits. Decided at a bar's close. */
public final class SmaCrossStrategy {

    private SmaCrossStrategy() {}

    public static Strategy build(BarSeries series, int fast, int slow) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fastSma = new SMAIndicator(close, fast);
        SMAIndicator slowSma = new SMAIndicator(close, slow);
        // No decision until both averages exist on the bar before the decision bar.
        return new BaseStrategy("sma-cross(" + fast + "," + slow + ")",
                new CrossedUpIndicatorRule(fastSma, slowSma),
                new CrossedDownIndicatorRule(fastSma, slowSma),
                slow);
    }
}
