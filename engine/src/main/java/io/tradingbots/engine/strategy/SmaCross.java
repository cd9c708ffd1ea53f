package io.tradingbots.engine.strategy;

import java.util.List;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;

/** {@code sma-cross}: SMA(fast) crossing above SMA(slow) enters; crossing below exits. */
public final class SmaCross implements StrategyDef {

    public static final String NAME = "sma-cross";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "trend: SMA(fast) of the close crossing above SMA(slow) buys, crossing below sells";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(ParamDef.integer("fast", 10, 1, 10_000, "bars of the fast average"),
                ParamDef.integer("slow", 30, 2, 10_000, "bars of the slow average"));
    }

    @Override
    public void validate(Params p) {
        check(p.integer("fast"), p.integer("slow"));
    }

    static void check(int fast, int slow) {
        if (fast >= slow) {
            throw new IllegalArgumentException(NAME + ": fast=" + fast + " must be less than slow=" + slow);
        }
    }

    @Override
    public int unstableBars(Params p) {
        return p.integer("slow");
    }

    @Override
    public Strategy build(StrategyInputs in, Params p) {
        return build(in, p.integer("fast"), p.integer("slow"));
    }

    @Override
    public List<ChartIndicator> indicators(StrategyInputs in, Params p) {
        ClosePriceIndicator close = new ClosePriceIndicator(in.series());
        return List.of(ChartIndicator.price("SMA " + p.integer("fast"), new WindowSma(close, p.integer("fast"))),
                ChartIndicator.price("SMA " + p.integer("slow"), new WindowSma(close, p.integer("slow"))));
    }

    /** The strategy on its own indicators. No signal before both averages exist at i-1, i.e. before i = slow. */
    public static Strategy build(StrategyInputs in, int fast, int slow) {
        check(fast, slow);
        ClosePriceIndicator close = new ClosePriceIndicator(in.series());
        WindowSma f = new WindowSma(close, fast);
        WindowSma s = new WindowSma(close, slow);
        return new BaseStrategy(NAME + "(" + fast + "," + slow + ")", CrossRule.up(f, s), CrossRule.down(f, s), slow);
    }
}
