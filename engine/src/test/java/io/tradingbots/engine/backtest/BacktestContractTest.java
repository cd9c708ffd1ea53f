package io.tradingbots.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Strategies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract on six hand-made bars, every figure computed by hand. */
class BacktestContractTest {

    // bar:      0   1   2   3   4   5
    static final double[] OPEN = {10, 10, 9, 12, 12, 10};
    static final double[] CLOSE = {10, 9, 11, 12, 8, 10};

    static Bars bars(int n) {
        long[] t = new long[n];
        double[] o = new double[n];
        double[] c = new double[n];
        double[] hi = new double[n];
        double[] lo = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_600_000_000_000L + i * 3_600_000L;
            o[i] = OPEN[i];
            c[i] = CLOSE[i];
            hi[i] = Math.max(o[i], c[i]);
            lo[i] = Math.min(o[i], c[i]);
        }
        return new Bars("BTC/USD", Timeframe.H1, t, o, hi, lo, c, new double[n]);
    }

    static BacktestResult run(Bars b, double fee, double slip, BacktestRequest.Engine e) {
        var p = Strategies.registry().resolve("sma-cross", Map.of("fast", "1", "slow", "2"));
        return new BacktestRunner().run(BacktestRequest.of(b, "sma-cross", p, fee, 1000, slip).withEngine(e));
    }

    @Test
    void upCrossAtTwoFillsAtThreesOpenDownCrossAtFourFillsAtFivesOpenTheLastBarsSignalIsNeverFilled() {
        // SMA1 = close; SMA2 at 1..5 = 9.5, 10, 11.5, 10, 9. Up at 2 (11 > 10, 9 <= 9.5), down at 4 (8 < 10, 12 >= 11.5),
        // up again at 5 but there is no bar 6 to fill it.
        for (BacktestRequest.Engine e : BacktestRequest.Engine.values()) {
            BacktestResult r = run(bars(6), 0.01, 0, e);
            assertThat(r.trades()).as(e.name()).hasSize(1);
            Trade t = r.trades().get(0);
            assertThat(t.entryTime()).isEqualTo(1_600_000_000_000L + 3 * 3_600_000L);
            assertThat(t.exitTime()).isEqualTo(1_600_000_000_000L + 5 * 3_600_000L);
            assertThat(t.entryPrice()).isEqualTo(12);
            assertThat(t.exitPrice()).isEqualTo(10);
            assertThat(t.quantity()).isCloseTo(1000 / (12 * 1.01), within(1e-12));
            assertThat(r.finalEquity()).isCloseTo(1000 * 9.9 / 12.12, within(1e-9));
            assertThat(t.profit()).isCloseTo(1000 * 9.9 / 12.12 - 1000, within(1e-9));
            assertThat(r.metrics().feesPaid()).isCloseTo(1000 / 12.12 * 12 * 0.01 + 1000 / 12.12 * 10 * 0.01, within(1e-9));
            assertThat(r.openPosition()).isNull();
            assertThat(r.metrics().exposure()).isCloseTo(2 / 6.0, within(1e-12)); // held at the closes of 3 and 4
        }
    }

    @Test
    void slippageMovesBothFillsAgainstTheTrade() {
        BacktestResult r = run(bars(6), 0.01, 100, BacktestRequest.Engine.AUTO);
        Trade t = r.trades().get(0);
        assertThat(t.entryPrice()).isCloseTo(12.12, within(1e-12));
        assertThat(t.exitPrice()).isCloseTo(9.9, within(1e-12));
        assertThat(r.finalEquity()).isCloseTo(1000 / (12.12 * 1.01) * 9.9 * 0.99, within(1e-9));
    }

    @Test
    void anOpenPositionIsMarkedAtTheLastCloseWithoutAnExitFee() {
        BacktestResult r = run(bars(4), 0.01, 0, BacktestRequest.Engine.AUTO);
        assertThat(r.trades()).isEmpty();
        assertThat(r.openPosition()).isNotNull();
        assertThat(r.openPosition().markPrice()).isEqualTo(12);
        assertThat(r.finalEquity()).isCloseTo(1000 / 12.12 * 12, within(1e-9));
        assertThat(r.metrics().trades()).isEqualTo(1);
        assertThat(r.metrics().winRate()).isNaN();
        // buy-and-hold: bought at bar 0's open (10) with the fee, marked at the last close (12)
        assertThat(r.buyAndHold().finalEquity()).isCloseTo(1000 / 10.1 * 12, within(1e-9));
    }

    @Test
    void progressEndsAtOneAndACancelEndsTheRun() {
        Bars big = SyntheticBars.generate("BTC/USD", Timeframe.M1, 300_000, 1, 1_600_000_000_000L);
        var p = Strategies.registry().resolve("sma-cross", Map.of());
        BacktestRequest req = BacktestRequest.of(big, "sma-cross", p, 0.001, 1000, 0);
        java.util.List<Double> seen = new java.util.ArrayList<>();
        new BacktestRunner().run(req, seen::add, () -> false);
        assertThat(seen).hasSize(5).isSorted().endsWith(1.0); // every 65,536 bars, then done
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BacktestRunner().run(req, f -> {}, () -> polls.incrementAndGet() > 2))
                .isInstanceOf(java.util.concurrent.CancellationException.class).hasMessageContaining("at bar 196,608 of 300,000".replace(",", ""));
    }

    @Test
    void metricsFollowTheDocumentedFormulas() {
        BacktestResult r = run(bars(6), 0.01, 0, BacktestRequest.Engine.AUTO);
        double q = 1000 / 12.12;
        double[] eq = {1000, 1000, 1000, q * 12, q * 8, q * 9.9};
        double prev = 1000;
        double[] ret = new double[6];
        double mean = 0;
        for (int i = 0; i < 6; i++) {
            ret[i] = eq[i] / prev - 1;
            prev = eq[i];
            mean += ret[i] / 6;
        }
        double var = 0;
        double down = 0;
        for (double x : ret) {
            var += (x - mean) * (x - mean) / 5;
            down += x < 0 ? x * x / 6 : 0;
        }
        double perYear = Math.sqrt(365 * 24);
        Metrics m = r.metrics();
        assertThat(m.totalReturn()).isCloseTo(eq[5] / 1000 - 1, within(1e-12));
        assertThat(m.annualizedReturn()).isCloseTo(Math.pow(eq[5] / 1000, 365 * 24 / 6.0) - 1, within(1e-9));
        assertThat(m.maxDrawdown()).isCloseTo(1 - (q * 8) / 1000, within(1e-12)); // the peak is the starting capital
        assertThat(m.sharpe()).isCloseTo(mean / Math.sqrt(var) * perYear, within(1e-9));
        assertThat(m.sortino()).isCloseTo(mean / Math.sqrt(down) * perYear, within(1e-9));
        assertThat(m.winRate()).isZero();
        assertThat(m.profitFactor()).isZero();
    }
}
