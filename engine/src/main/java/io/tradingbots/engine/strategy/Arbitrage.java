package io.tradingbots.engine.strategy;

import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
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
