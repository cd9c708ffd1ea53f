package io.tradingbots.engine.backtest;

import io.tradingbots.engine.strategy.Strategies;
import io.tradingbots.engine.strategy.StrategyDef;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tb sweep}: every combination of parameter ranges backtested, ranked. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backtest a grid (or a random sample) of parameter combinations on all cores, ranked by a metric.",
                "Combinations share indicator values; a progress bar goes to stderr."})
public final class SweepCommand implements Callable<Integer> {

    @Mixin
    SweepOptions sweep;

    @Option(names = "--top", defaultValue = "20", description = "Combinations listed (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Sweep.Spec s = sweep.spec();
        StrategyDef def = Strategies.registry().get(s.strategy());
        data.check(def.needsSecondSeries());
        DataOptions.Loaded loaded = data.load(def.needsSecondSeries());
        BacktestRequest template = new BacktestRequest(loaded.bars(), loaded.second(), s.strategy(),
                Strategies.registry().resolve(s.strategy(), s.fixed().isEmpty() ? java.util.Map.of() : defaultsWith(s)),
                sweep.fee, sweep.capital, sweep.slippageBps, 0, loaded.bars().size(), BacktestRequest.Engine.AUTO);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "of the combinations");
        Sweep.Result r = new Sweep().run(template, s, bar, () -> false);
        bar.done();
        print(spec.commandLine().getOut(), r, s, loaded, top);
        return 0;
    }

    private static java.util.Map<String, String> defaultsWith(Sweep.Spec s) {
        java.util.Map<String, String> m = new java.util.HashMap<>(s.fixed());
        for (ParamRange r : s.ranges()) {
            m.putIfAbsent(r.name(), r.values().get(0));
        }
        try {
            Strategies.registry().resolve(s.strategy(), m);
            return m;
        } catch (IllegalArgumentException e) {
            return java.util.Map.of();
        }
    }

    static void print(PrintWriter out, Sweep.Result r, Sweep.Spec s, DataOptions.Loaded loaded, int top) {
        out.printf(Locale.ROOT, "%s sweep on %s: %,d bars, %,d combinations (%,d invalid skipped) in %.2f s on %d threads;"
                        + " %d averages computed and shared%n", s.strategy(), loaded.source(), loaded.bars().size(), r.tried(),
                r.invalid(), r.millis() / 1000.0, s.threads(), r.sharedAverages());
        Metrics h = r.buyAndHold();
        out.printf(Locale.ROOT, "buy-and-hold over the same bars: return %s, max drawdown %s, sharpe %s%n",
                Report.signedPct(h.totalReturn()), Report.pct(h.maxDrawdown()), Report.ratio(h.sharpe()));
        out.printf(Locale.ROOT, "%n%4s  %-40s %10s %10s %9s %9s %7s%n", "rank", "parameters", s.rankBy(), "return", "max dd",
                "sharpe", "trades");
        int shown = Math.min(top, r.ranked().size());
        int beat = 0;
        for (Sweep.Row row : r.ranked()) {
            beat += row.metrics().totalReturn() > h.totalReturn() ? 1 : 0;
        }
        for (int i = 0; i < shown; i++) {
            Sweep.Row row = r.ranked().get(i);
            Metrics m = row.metrics();
            out.printf(Locale.ROOT, "%4d  %-40s %10s %10s %9s %9s %7d%s%n", i + 1, row.params(), Report.ratio(row.score()),
                    Report.signedPct(m.totalReturn()), Report.pct(m.maxDrawdown()), Report.ratio(m.sharpe()), m.trades(),
                    m.totalReturn() < 0 ? "  LOSS" : m.totalReturn() < h.totalReturn() ? "  < hold" : "");
        }
        out.printf(Locale.ROOT, "%n%,d of %,d combinations beat buy-and-hold; the best in-sample result is optimistic:"
                + " check it with 'tb walkforward'%n", beat, r.tried());
    }
}
