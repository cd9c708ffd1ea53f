package io.tradingbots.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.backtest.Bars;
import io.tradingbots.engine.backtest.SyntheticBars;
import io.tradingbots.engine.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.Rule;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.TrailingStopLossRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/** Our trailing stop decides exactly as ta4j's TrailingStopLossRule, in linear instead of quadratic time. */
class TrailingStopTest {

    private static List<String> positions(BarSeries series, boolean ours, double percent) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator fast = new EMAIndicator(close, 12);
        EMAIndicator slow = new EMAIndicator(close, 48);
        Rule stop = ours ? new TrailingStop(close, DoubleNum.valueOf(percent)) : new TrailingStopLossRule(close, DoubleNum.valueOf(percent));
        TradingRecord r = new BarSeriesManager(series).run(new BaseStrategy(new OverIndicatorRule(fast, slow),
                new UnderIndicatorRule(fast, slow).or(stop), 48));
        List<String> out = new ArrayList<>();
        for (Position p : r.getPositions()) {
            out.add(p.getEntry().getIndex() + "->" + p.getExit().getIndex());
        }
        return out;
    }

    @Test
    void decidesExactlyAsTa4jsRuleOnSyntheticHours() {
        Bars bars = SyntheticBars.generate("BTC/USD", Timeframe.H1, 6_000, 5, 1_600_000_000_000L);
        BarSeries series = bars.toSeries();
        for (double percent : new double[] {0.5, 2, 5}) {
            List<String> ta4j = positions(series, false, percent);
            assertThat(positions(series, true, percent)).as("trail %s%%", percent).isEqualTo(ta4j);
            assertThat(ta4j).hasSizeGreaterThan(10);
        }
    }

    @Test
    void theMomentumStrategyRunsALongSeriesInLinearTime() {
        Bars bars = SyntheticBars.generate("BTC/USD", Timeframe.H1, 100_000, 9, 1_600_000_000_000L);
        BarSeries series = bars.toSeries();
        var p = Strategies.registry().resolve("momentum", java.util.Map.of("trail", "0.5"));
        long t0 = System.nanoTime();
        TradingRecord r = new BarSeriesManager(series).run(Strategies.registry().get("momentum").build(StrategyInputs.of(series), p));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.getPositionCount()).isGreaterThan(100);
        // not a benchmark: a loose guard against a per-bar cost that grows with the trade's length
        assertThat(ms).as("momentum over 100,000 bars, ms").isLessThan(60_000);
    }
}
