package io.tradingbots.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Strategies;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SweepTest {

    static final Bars BARS = SyntheticBars.generate("BTC/USD", Timeframe.M5, 8_000, 21, 1_600_000_000_000L);

    static BacktestRequest template() {
        return BacktestRequest.of(BARS, "sma-cross", Strategies.registry().resolve("sma-cross", Map.of()), 0.001, 1000, 2);
    }

    @Test
    void everyCombinationOnTwoThreadsEqualsItsOwnSingleBacktestAndTheRankingIsByTheMetric() {
        Sweep.Spec spec = new Sweep.Spec("sma-cross", Map.of(), List.of(ParamRange.parse("fast=2:12:2"),
                ParamRange.parse("slow=10:40:10")), 0, 1, "sortino", 2);
        AtomicInteger reports = new AtomicInteger();
        Sweep.Result r = new Sweep().run(template(), spec, f -> reports.incrementAndGet(), () -> false);
        assertThat(r.tried()).isEqualTo(22); // 6 x 4 = 24, minus fast=10,12 with slow=10
        assertThat(r.invalid()).isEqualTo(2);
        assertThat(r.sharedAverages()).isEqualTo(9); // 2,4,...,12 and 10,20,30,40 (10 in both)
        assertThat(reports.get()).isEqualTo(22);
        for (int i = 1; i < r.ranked().size(); i++) {
            assertThat(r.ranked().get(i).score()).isLessThanOrEqualTo(r.ranked().get(i - 1).score());
        }
        BacktestRunner runner = new BacktestRunner();
        for (Sweep.Row row : r.ranked()) {
            BacktestResult alone = runner.run(template().withParams(row.params()).withEngine(BacktestRequest.Engine.TA4J));
            assertThat(row.metrics()).as(row.params().toString()).isEqualTo(alone.metrics());
            assertThat(row.score()).isEqualTo(alone.metrics().sortino());
        }
    }

    @Test
    void randomSearchDrawsDistinctCombinationsReproduciblyAndACancelStopsIt() {
        Sweep.Spec spec = new Sweep.Spec("sma-cross", Map.of(), List.of(ParamRange.parse("fast=2:30"),
                ParamRange.parse("slow=31:90")), 15, 7, "return", 2);
        Sweep.Result a = new Sweep().run(template(), spec, f -> {}, () -> false);
        Sweep.Result b = new Sweep().run(template(), spec, f -> {}, () -> false);
        assertThat(a.tried()).isEqualTo(15);
        assertThat(a.ranked().stream().map(Sweep.Row::params).distinct().count()).isEqualTo(15);
        assertThat(a.ranked()).isEqualTo(b.ranked());
        assertThatThrownBy(() -> new Sweep().run(template(), spec, f -> {}, () -> true)).isInstanceOf(CancellationException.class);
    }

    @Test
    void walkForwardChoosesInSampleOnlyAndFlagsOutOfSampleShortfalls() {
        Sweep.Spec spec = new Sweep.Spec("sma-cross", Map.of(), List.of(ParamRange.parse("fast=2:10:4"),
                ParamRange.parse("slow=20:60:20")), 0, 1, "sharpe", 2);
        WalkForward.Result r = new WalkForward().run(template(), spec, 3_000, 1_000, f -> {}, () -> false);
        assertThat(r.windows()).hasSize(5);
        BacktestRunner runner = new BacktestRunner();
        double chained = 1;
        for (WalkForward.Window w : r.windows()) {
            int oosFrom = BARS.indexAtOrAfter(w.oosFrom());
            // the chosen parameters are the in-sample winner: no combination beats it in sample
            Sweep.Result is = new Sweep().run(template().withRange(oosFrom - 3_000, oosFrom), spec, f -> {}, () -> false);
            assertThat(w.best()).isEqualTo(is.ranked().get(0).params());
            BacktestResult oos = runner.run(template().withParams(w.best()).withRange(oosFrom, oosFrom + 1_000));
            assertThat(w.oos()).isEqualTo(oos.metrics());
            assertThat(w.losesToHold()).isEqualTo(oos.metrics().totalReturn() < oos.buyAndHold().totalReturn());
            chained *= 1 + oos.metrics().totalReturn();
        }
        assertThat(r.oosReturn()).isCloseTo(chained - 1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.windowsLosingToHold()).isEqualTo((int) r.windows().stream().filter(WalkForward.Window::losesToHold).count());
    }
}
