package io.tradingbots.engine.backtest;

import io.tradingbots.engine.strategy.Params;
import java.util.Objects;

/**
 * One backtest, immutable. Indicators see every bar of {@code bars}; decisions and fills happen
 * only in bars [start, end) (so earlier bars are warm-up, as in a walk-forward window).
 * {@code second} is the aligned second series for {@code arbitrage} (null otherwise).
 *
 * @param feeRate     fee per fill as a fraction of its value, in [0, 0.1)
 * @param capital     cash at the start, &gt; 0
 * @param slippageBps basis points the fill price moves against the trade, in [0, 1000]
 * @param engine      which code path decides (see {@link Engine})
 */
public record BacktestRequest(Bars bars, Bars second, String strategy, Params params, double feeRate, double capital,
                              double slippageBps, int start, int end, Engine engine) {

    /** {@code AUTO}: the array fast path where one exists and is proven equal (sma-cross), else ta4j. */
    public enum Engine { AUTO, TA4J, FAST }

    public BacktestRequest {
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(engine, "engine");
        checkFee(feeRate);
        if (!(capital > 0) || Double.isInfinite(capital)) {
            throw new IllegalArgumentException("capital must be > 0, got " + capital);
        }
        if (!(slippageBps >= 0 && slippageBps <= 1000)) {
            throw new IllegalArgumentException("slippage must be in [0, 1000] basis points, got " + slippageBps);
        }
        if (start < 0 || end > bars.size() || start > end) {
            throw new IllegalArgumentException("bar range [" + start + ", " + end + ") is outside the " + bars.size() + " bars");
        }
        if (end - start < 2) {
            throw new IllegalArgumentException("a backtest needs at least 2 bars in its range, got " + (end - start));
        }
        if (second != null && second.size() != bars.size()) {
            throw new IllegalArgumentException("the second series is not aligned with the first");
        }
    }

    public static void checkFee(double feeRate) {
        if (!(feeRate >= 0 && feeRate < 0.1)) {
            throw new IllegalArgumentException("fee " + feeRate + " is outside [0, 0.1): give it as a fraction, e.g. 0.001 for 0.1%");
        }
    }

    /** All of {@code bars}, the default engine, no second series. */
    public static BacktestRequest of(Bars bars, String strategy, Params params, double feeRate, double capital,
                                     double slippageBps) {
        return new BacktestRequest(bars, null, strategy, params, feeRate, capital, slippageBps, 0, bars.size(), Engine.AUTO);
    }

    public BacktestRequest withEngine(Engine e) {
        return new BacktestRequest(bars, second, strategy, params, feeRate, capital, slippageBps, start, end, e);
    }

    public BacktestRequest withRange(int from, int to) {
        return new BacktestRequest(bars, second, strategy, params, feeRate, capital, slippageBps, from, to, engine);
    }

    public BacktestRequest withParams(Params p) {
        return new BacktestRequest(bars, second, strategy, p, feeRate, capital, slippageBps, start, end, engine);
    }

    public BacktestRequest withSecond(Bars s) {
        return new BacktestRequest(bars, s, strategy, params, feeRate, capital, slippageBps, start, end, engine);
    }
}
