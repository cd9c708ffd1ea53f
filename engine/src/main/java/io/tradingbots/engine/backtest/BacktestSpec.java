package io.tradingbots.engine.backtest;

import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Params;
import io.tradingbots.engine.strategy.Strategies;
import java.util.Map;

/**
 * A backtest as a caller asks for it by name (the API): which stored series and range, which
 * strategy with which checked parameters, fee, capital and slippage. Every value is checked when
 * it is made, so a bad one is a one-line IllegalArgumentException before any candle is read.
 *
 * @param exchange       source in the store, or null when the series has one source
 * @param from           first open time ({@link #FIRST}: the first stored candle)
 * @param to             end, exclusive ({@link #LAST}: after the last stored candle)
 * @param secondExchange arbitrage: the other source (null otherwise)
 */
public record BacktestSpec(String exchange, String symbol, Timeframe timeframe, long from, long to, String strategy,
                           Params params, double fee, double capital, double slippageBps, String secondExchange) {

    public static final long FIRST = Long.MIN_VALUE / 2;
    public static final long LAST = Long.MAX_VALUE / 2;

    public BacktestSpec {
        if (from >= to) {
            throw new IllegalArgumentException("the range is empty: from " + from + " is not before to " + to);
        }
        BacktestRequest.checkFee(fee);
        if (!(capital > 0) || Double.isInfinite(capital)) {
            throw new IllegalArgumentException("capital must be > 0, got " + capital);
        }
        if (!(slippageBps >= 0 && slippageBps <= 1000)) {
            throw new IllegalArgumentException("slippage must be in [0, 1000] basis points, got " + slippageBps);
        }
        boolean needsSecond = Strategies.registry().get(strategy).needsSecondSeries();
        if (needsSecond && secondExchange == null) {
            throw new IllegalArgumentException(strategy + " needs the other source of the same series: give second_exchange");
        }
        if (!needsSecond && secondExchange != null) {
            throw new IllegalArgumentException("second_exchange is for arbitrage only");
        }
    }

    /** Resolves the strategy's parameters (unknown names, ranges, fast &lt; slow) and checks the rest. */
    public static BacktestSpec of(String exchange, String symbol, Timeframe timeframe, long from, long to, String strategy,
                                  Map<String, String> params, double fee, double capital, double slippageBps,
                                  String secondExchange) {
        Params p = Strategies.registry().resolve(strategy, params);
        return new BacktestSpec(exchange, symbol, timeframe, from, to, strategy, p, fee, capital, slippageBps, secondExchange);
    }
}
