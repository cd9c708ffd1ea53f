package io.tradingbots.engine.strategy;

import java.util.List;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ConstantIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.StopGainRule;
import org.ta4j.core.rules.StopLossRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * {@code scalp}: short-timeframe mean reversion. Buys an oversold dip below the lower Bollinger
 * band; sells on a tight take-profit or stop, or when the close is back at the middle band.
 */
public final class Scalp implements StrategyDef {

    @Override
    public String name() {
        return "scalp";
    }

    @Override
    public String summary() {
        return "mean reversion (1m-5m): RSI oversold and close under the lower Bollinger band buys; "
                + "take-profit, stop-loss or the middle band sells";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(ParamDef.integer("rsi", 14, 2, 500, "bars of the RSI"),
                ParamDef.decimal("oversold", 30, 1, 50, "RSI below this may buy"),
                ParamDef.integer("bb", 20, 2, 1_000, "bars of the Bollinger bands"),
                ParamDef.decimal("k", 2, 0.1, 10, "band width in standard deviations"),
                ParamDef.decimal("takeProfit", 0.004, 0.0001, 0.5, "sell when the close is this fraction above the entry fill"),
                ParamDef.decimal("stopLoss", 0.003, 0.0001, 0.5, "sell when the close is this fraction below the entry fill"));
    }

    @Override
    public int unstableBars(Params p) {
        return Math.max(p.integer("rsi"), p.integer("bb"));
    }

    @Override
    public List<ChartIndicator> indicators(StrategyInputs in, Params p) {
        ClosePriceIndicator close = new ClosePriceIndicator(in.series());
        int bb = p.integer("bb");
        String band = bb + "/" + ChartIndicator.text(p.decimal("k"));
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, bb));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, bb);
        Num k = DoubleNum.valueOf(p.decimal("k"));
        return List.of(ChartIndicator.price("BB middle " + bb, middle),
                ChartIndicator.price("BB lower " + band, new BollingerBandsLowerIndicator(middle, deviation, k)),
                ChartIndicator.price("BB upper " + band, new BollingerBandsUpperIndicator(middle, deviation, k)),
                ChartIndicator.separate("RSI", "RSI " + p.integer("rsi"), new RSIIndicator(close, p.integer("rsi"))),
                ChartIndicator.separate("RSI", "oversold " + ChartIndicator.text(p.decimal("oversold")),
                        new ConstantIndicator<>(in.series(), DoubleNum.valueOf(p.decimal("oversold")))));
    }

    @Override
    public Strategy build(StrategyInputs in, Params p) {
        ClosePriceIndicator close = new ClosePriceIndicator(in.series());
        RSIIndicator rsi = new RSIIndicator(close, p.integer("rsi"));
        int bb = p.integer("bb");
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, bb));
        BollingerBandsLowerIndicator lower = new BollingerBandsLowerIndicator(middle,
                new StandardDeviationIndicator(close, bb), DoubleNum.valueOf(p.decimal("k")));
        Rule entry = new UnderIndicatorRule(rsi, DoubleNum.valueOf(p.decimal("oversold")))
                .and(new UnderIndicatorRule(close, lower));
        Rule exit = new StopGainRule(close, DoubleNum.valueOf(p.decimal("takeProfit") * 100))
                .or(new StopLossRule(close, DoubleNum.valueOf(p.decimal("stopLoss") * 100)))
                .or(new OverIndicatorRule(close, middle));
        return new BaseStrategy("scalp(" + p + ")", entry, exit, unstableBars(p));
    }
}
