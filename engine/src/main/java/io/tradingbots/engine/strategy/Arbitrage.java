package io.tradingbots.engine.strategy;

import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.indicators.CachedIndicator;
import org.ta4j.core.indicators.helpers.ConstantIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AbstractRule;

/**
 * {@code arbitrage}: the same pair on two sources. Buys on the traded source when it is cheaper
 * than the other by more than the round-trip fees plus a threshold, and sells when the gap has
 * closed to {@code exitGap} or less. Backtested on two aligned series.
 */
public final class Arbitrage implements StrategyDef {

    @Override
    public String name() {
        return "arbitrage";
    }

    @Override
    public String summary() {
        return "cross-venue spread: buy where the pair is cheaper than on the other source by more than "
                + "2 x fee + threshold, sell when the gap has closed";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(ParamDef.decimal("threshold", 0.002, 0, 0.5, "gap beyond the round-trip fees needed to buy"),
                ParamDef.decimal("exitGap", 0.0, -0.5, 0.5, "sell when the gap is at or under this"));
    }

    @Override
    public void validate(Params p) {
        if (p.decimal("exitGap") >= p.decimal("threshold")) {
            throw new IllegalArgumentException("arbitrage: exitGap=" + p.text("exitGap") + " must be less than threshold="
                    + p.text("threshold"));
        }
    }

    @Override
    public boolean needsSecondSeries() {
        return true;
    }

    @Override
    public int unstableBars(Params p) {
        return 0;
    }

    @Override
    public Strategy build(StrategyInputs in, Params p) {
        if (in.second() == null) {
            throw new IllegalArgumentException("arbitrage needs a second series of the same pair (another source)");
        }
        if (in.second().getBarCount() != in.series().getBarCount()) {
            throw new IllegalArgumentException("arbitrage: the two series are not aligned (" + in.series().getBarCount()
                    + " and " + in.second().getBarCount() + " bars)");
        }
        double enterGap = 2 * in.feeRate() + p.decimal("threshold");
        double exitGap = p.decimal("exitGap");
        return new BaseStrategy("arbitrage(" + p + ")", new GapRule(in.series(), in.second(), enterGap, true),
                new GapRule(in.series(), in.second(), exitGap, false), 0);
    }

    /**
     * The gap to the other source (when {@code in} has its series) with the entry and exit
     * thresholds it is compared with; without the second series, only the two thresholds.
     */
    @Override
    public List<ChartIndicator> indicators(StrategyInputs in, Params p) {
        List<ChartIndicator> lines = new ArrayList<>();
        if (in.second() != null && in.second().getBarCount() == in.series().getBarCount()) {
            lines.add(ChartIndicator.separate("gap", "gap vs other source", new GapIndicator(in.series(), in.second())));
        }
        lines.add(ChartIndicator.separate("gap", "enter above " + ChartIndicator.text(2 * in.feeRate() + p.decimal("threshold")),
                new ConstantIndicator<>(in.series(), DoubleNum.valueOf(2 * in.feeRate() + p.decimal("threshold")))));
        lines.add(ChartIndicator.separate("gap", "exit at or under " + ChartIndicator.text(p.decimal("exitGap")),
                new ConstantIndicator<>(in.series(), DoubleNum.valueOf(p.decimal("exitGap")))));
        return lines;
    }

    /** {@link #gap} as an indicator, for charts. */
    private static final class GapIndicator extends CachedIndicator<Num> {
        private final BarSeries other;

        GapIndicator(BarSeries own, BarSeries other) {
            super(own);
            this.other = other;
        }

        @Override
        protected Num calculate(int index) {
            return DoubleNum.valueOf(gap(getBarSeries(), other, index));
        }

        @Override
        public int getUnstableBars() {
            return 0;
        }
    }

    /** gap(i) = (other close - own close) / own close, both at bar i. */
    static double gap(BarSeries own, BarSeries other, int i) {
        double a = own.getBar(i).getClosePrice().doubleValue();
        double b = other.getBar(i).getClosePrice().doubleValue();
        return (b - a) / a;
    }

    private static final class GapRule extends AbstractRule {
        private final BarSeries own;
        private final BarSeries other;
        private final double limit;
        private final boolean above;

        GapRule(BarSeries own, BarSeries other, double limit, boolean above) {
            this.own = own;
            this.other = other;
            this.limit = limit;
            this.above = above;
        }

        @Override
        public boolean isSatisfied(int index, TradingRecord tradingRecord) {
            double g = gap(own, other, index);
            return above ? g > limit : g <= limit;
        }
    }
}
