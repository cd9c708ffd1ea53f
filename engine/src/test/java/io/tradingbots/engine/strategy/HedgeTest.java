package io.tradingbots.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.backtest.BacktestRequest;
import io.tradingbots.engine.backtest.BacktestResult;
import io.tradingbots.engine.backtest.BacktestRunner;
import io.tradingbots.engine.backtest.Bars;
import io.tradingbots.engine.backtest.SyntheticBars;
import io.tradingbots.engine.market.Timeframe;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HedgeTest {

    static final Bars BARS = SyntheticBars.generate("BTC/USD", Timeframe.H1, 5_000, 99, 1_600_000_000_000L);

    static BacktestResult run(String strategy, Map<String, String> params) {
        Params p = Strategies.registry().resolve(strategy, params);
        return new BacktestRunner().run(BacktestRequest.of(BARS, strategy, p, 0.001, 1000, 0)
                .withEngine(BacktestRequest.Engine.TA4J));
    }

    static boolean[] holding(BacktestResult r) {
        boolean[] h = new boolean[BARS.size()];
        for (var t : r.trades()) {
            java.util.Arrays.fill(h, t.entryBar(), t.exitBar(), true);
        }
        if (r.openPosition() != null) {
            java.util.Arrays.fill(h, r.openPosition().entryBar(), BARS.size(), true);
        }
        return h;
    }

    @Test
    void withThresholdsNeverReachedTheOverlayTradesExactlyAsItsBase() {
        BacktestResult base = run("sma-cross", Map.of("fast", "8", "slow", "40"));
        BacktestResult hedge = run("hedge", Map.of("fast", "8", "slow", "40", "maxDrawdown", "0.99", "maxVolatility", "1",
                "cooldown", "0", "volWindow", "2"));
        assertThat(hedge.trades()).isEqualTo(base.trades());
        assertThat(base.trades()).hasSizeGreaterThan(50);
    }

    @Test
    void aTightDrawdownLimitCutsExposureAndOnlyEverHoldsWhileTheBaseHolds() {
        BacktestResult base = run("sma-cross", Map.of("fast", "8", "slow", "40"));
        BacktestResult hedge = run("hedge", Map.of("fast", "8", "slow", "40", "maxDrawdown", "0.02", "maxVolatility", "1",
                "cooldown", "10"));
        assertThat(hedge.metrics().exposure()).isLessThan(base.metrics().exposure());
        assertThat(hedge.trades()).isNotEqualTo(base.trades());
        // the overlay holds only while its base holds (its entries are base entries; it may leave earlier)
        boolean[] baseHolds = holding(base);
        boolean[] hedgeHolds = holding(hedge);
        for (int i = 0; i < BARS.size(); i++) {
            assertThat(!hedgeHolds[i] || baseHolds[i]).as("bar %d", i).isTrue();
        }
    }
}
