package io.tradingbots.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Params;
import io.tradingbots.engine.strategy.Strategies;
import io.tradingbots.engine.strategy.StrategyDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * No strategy reads a bar after its decision bar: for every registered strategy, rewriting every
 * bar after bar k (a different future) leaves every decision up to k unchanged.
 */
class LookAheadGuardTest {

    static final int N = 3_000;

    /** Settings that make each strategy trade often on the synthetic hourly bars. */
    static final Map<String, Map<String, String>> PARAMS = Map.of(
            "sma-cross", Map.of("fast", "5", "slow", "20"),
            "scalp", Map.of("oversold", "40", "k", "1", "takeProfit", "0.01", "stopLoss", "0.01"),
            "momentum", Map.of("adxMin", "15"),
            "arbitrage", Map.of("threshold", "0.001"),
            "hedge", Map.of("base", "sma-cross", "fast", "5", "slow", "20", "maxDrawdown", "0.03", "maxVolatility", "0.015"));

    /** (decision bar, side): the bar before each fill. */
    static List<String> decisions(BacktestResult r, int upTo) {
        List<String> out = new ArrayList<>();
        for (Trade t : r.trades()) {
            if (t.entryBar() - 1 <= upTo) {
                out.add((t.entryBar() - 1) + " buy");
            }
            if (t.exitBar() - 1 <= upTo) {
                out.add((t.exitBar() - 1) + " sell");
            }
        }
        if (r.openPosition() != null && r.openPosition().entryBar() - 1 <= upTo) {
            out.add((r.openPosition().entryBar() - 1) + " buy");
        }
        return out;
    }

    /** The same bars up to k; after k, each bar's prices scaled by a random walk of its own. */
    static Bars alterAfter(Bars b, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = b.size();
        long[] t = new long[n];
        double[][] v = new double[5][n];
        double scale = 1;
        for (int i = 0; i < n; i++) {
            t[i] = b.openTime(i);
            if (i > k) {
                scale *= Math.exp((rnd.nextDouble() - 0.5) * 0.1);
            }
            v[0][i] = b.open(i) * scale;
            v[1][i] = b.high(i) * scale;
            v[2][i] = b.low(i) * scale;
            v[3][i] = b.close(i) * scale;
            v[4][i] = b.volume(i);
        }
        return new Bars(b.symbol(), b.timeframe(), t, v[0], v[1], v[2], v[3], v[4]);
    }

    static Bars otherVenue(Bars b, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = b.size();
        double[][] v = new double[5][n];
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            double f = 1 + (rnd.nextDouble() - 0.5) * 0.012;
            t[i] = b.openTime(i);
            v[0][i] = b.open(i) * f;
            v[1][i] = b.high(i) * f;
            v[2][i] = b.low(i) * f;
            v[3][i] = b.close(i) * f;
            v[4][i] = b.volume(i);
        }
        return new Bars(b.symbol(), b.timeframe(), t, v[0], v[1], v[2], v[3], v[4]);
    }

    @Test
    void alteringTheFutureChangesNoDecisionOfAnyStrategyUpToTheDecisionBar() {
        Bars bars = SyntheticBars.generate("BTC/USD", Timeframe.H1, N, 42, 1_600_000_000_000L);
        Bars second = otherVenue(bars, 7);
        BacktestRunner runner = new BacktestRunner();
        for (StrategyDef def : Strategies.registry().all()) {
            Params p = Strategies.registry().resolve(def.name(), new HashMap<>(PARAMS.get(def.name())));
            List<BacktestRequest.Engine> engines = def.name().equals("sma-cross")
                    ? List.of(BacktestRequest.Engine.TA4J, BacktestRequest.Engine.FAST) : List.of(BacktestRequest.Engine.TA4J);
            for (BacktestRequest.Engine engine : engines) {
                BacktestRequest base = BacktestRequest.of(bars, def.name(), p, 0.001, 1000, 0).withEngine(engine)
                        .withSecond(def.needsSecondSeries() ? second : null);
                BacktestResult original = runner.run(base);
                int checked = 0;
                for (int k : new int[] {400, 1_111, 2_500}) {
                    Bars future = alterAfter(bars, k, k);
                    BacktestRequest altered = new BacktestRequest(future, def.needsSecondSeries() ? alterAfter(second, k, k + 1) : null,
                            def.name(), p, 0.001, 1000, 0, 0, N, engine);
                    BacktestResult other = runner.run(altered);
                    List<String> before = decisions(original, k);
                    assertThat(decisions(other, k)).as("%s (%s) decisions up to bar %d", def.name(), engine, k)
                            .isEqualTo(before);
                    checked += before.size();
                    // and the future really was different: some later decision changed
                    assertThat(decisions(other, N)).as("%s: the altered future changes later decisions", def.name())
                            .isNotEqualTo(decisions(original, N));
                }
                assertThat(checked).as("%s made decisions to compare", def.name()).isGreaterThan(10);
            }
        }
    }
}
