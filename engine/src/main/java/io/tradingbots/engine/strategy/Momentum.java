package io.tradingbots.engine.strategy;

import java.util.List;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.ConstantIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * {@code momentum}: trend following. Buys when the fast EMA is above the slow EMA, ADX says there
 * is a trend and MACD is above its signal line; sells when the fast EMA drops under the slow one
 * or on a trailing stop.
 */
public final class Momentum implements StrategyDef {

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public String summary() {
        return "trend following: EMA(fast) > EMA(slow) with ADX above a floor and MACD above its signal buys; "
                + "EMA(fast) < EMA(slow) or a trailing stop sells";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(ParamDef.integer("fast", 12, 1, 5_000, "bars of the fast EMA"),
                ParamDef.integer("slow", 48, 2, 5_000, "bars of the slow EMA"),
                ParamDef.integer("adx", 14, 2, 500, "bars of the ADX"),
                ParamDef.decimal("adxMin", 20, 0, 100, "ADX must be above this to buy"),
                ParamDef.decimal("trail", 0.05, 0.001, 0.9, "trailing stop: sell when the close is this fraction under the highest close since entry"));
    }

    @Override
    public void validate(Params p) {
        if (p.integer("fast") >= p.integer("slow")) {
            throw new IllegalArgumentException("momentum: fast=" + p.integer("fast") + " must be less than slow=" + p.integer("slow"));
        }
    }

    @Override
    public int unstableBars(Params p) {
        return Math.max(p.integer("slow"), Math.max(2 * p.integer("adx"), 35));
    }

    @Override
    public List<ChartIndicator> indicators(StrategyInputs in, Params p) {
        ClosePriceIndicator close = new ClosePriceIndicator(in.series());
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        return List.of(ChartIndicator.price("EMA " + p.integer("fast"), new EMAIndicator(close, p.integer("fast"))),
                ChartIndicator.price("EMA " + p.integer("slow"), new EMAIndicator(close, p.integer("slow"))),
                ChartIndicator.separate("ADX", "ADX " + p.integer("adx"), new ADXIndicator(in.series(), p.integer("adx"))),
                ChartIndicator.separate("ADX", "ADX floor " + ChartIndicator.text(p.decimal("adxMin")),
                        new ConstantIndicator<>(in.series(), DoubleNum.valueOf(p.decimal("adxMin")))),
                ChartIndicator.separate("MACD", "MACD 12/26", macd),
                ChartIndicator.separate("MACD", "signal 9", new EMAIndicator(macd, 9)));
    }

    @Override
    public Strategy build(StrategyInputs in, Params p) {
        ClosePriceIndicator close = new ClosePriceIndicator(in.series());
        EMAIndicator fast = new EMAIndicator(close, p.integer("fast"));
        EMAIndicator slow = new EMAIndicator(close, p.integer("slow"));
        ADXIndicator adx = new ADXIndicator(in.series(), p.integer("adx"));
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        EMAIndicator signal = new EMAIndicator(macd, 9);
        Rule entry = new OverIndicatorRule(fast, slow)
                .and(new OverIndicatorRule(adx, DoubleNum.valueOf(p.decimal("adxMin"))))
                .and(new OverIndicatorRule(macd, signal));
        Rule exit = new UnderIndicatorRule(fast, slow)
                .or(new TrailingStop(close, DoubleNum.valueOf(p.decimal("trail") * 100)));
        return new BaseStrategy("momentum(" + p + ")", entry, exit, unstableBars(p));
    }
}
