package io.tradingbots.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Strategies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sma-cross array fast path gives exactly the ta4j strategy's trades (same bits, not just close). */
class FastPathTest {

    @Test
    void fastPathAndTa4jStrategyAgreeExactlyOnManyCombinations() {
        Bars bars = SyntheticBars.generate("BTC/USD", Timeframe.M5, 20_000, 3, 1_600_000_000_000L);
        SharedIndicators shared = new SharedIndicators(bars);
        BacktestRunner runner = new BacktestRunner();
        int trades = 0;
        for (int fast : new int[] {1, 3, 9, 20}) {
            for (int slow : new int[] {21, 50, 144}) {
                var p = Strategies.registry().resolve("sma-cross", Map.of("fast", "" + fast, "slow", "" + slow));
                BacktestRequest req = BacktestRequest.of(bars, "sma-cross", p, 0.001, 1000, 3);
                BacktestResult ta4j = runner.run(req.withEngine(BacktestRequest.Engine.TA4J));
                BacktestResult fastPath = runner.run(req.withEngine(BacktestRequest.Engine.FAST), BacktestRunner.Progress.NONE,
                        () -> false, shared);
                assertThat(fastPath.trades()).as("fast=%d slow=%d", fast, slow).isEqualTo(ta4j.trades());
                assertThat(fastPath.openPosition()).isEqualTo(ta4j.openPosition());
                assertThat(fastPath.metrics()).isEqualTo(ta4j.metrics());
                trades += ta4j.trades().size();
            }
        }
        assertThat(shared.smaCount()).isEqualTo(7); // 4 fast + 3 slow averages, computed once each
        assertThat(trades).isGreaterThan(1_000);
    }
}
