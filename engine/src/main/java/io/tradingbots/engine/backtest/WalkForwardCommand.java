package io.tradingbots.engine.backtest;

import io.tradingbots.engine.strategy.Strategies;
import io.tradingbots.engine.strategy.StrategyDef;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tb walkforward}: rolling in-sample optimisation, out-of-sample evaluation. */
@Command(name = "walkforward", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walk-forward validation: in each window, sweep the ranges on --train bars (in sample), then run",
                "the winner on the next --test bars (out of sample); windows roll by --test bars.",
                "Flags windows whose out-of-sample result loses to buy-and-hold or collapses against in-sample."})
public final class WalkForwardCommand implements Callable<Integer> {

    @Mixin
    SweepOptions sweep;

    @Option(names = "--train", required = true, paramLabel = "BARS", description = "In-sample bars per window.")
    int train;

    @Option(names = "--test", required = true, paramLabel = "BARS", description = "Out-of-sample bars per window (and the roll).")
    int test;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Sweep.Spec s = sweep.spec();
        StrategyDef def = Strategies.registry().get(s.strategy());
        if (train < 2 || test < 2) {
            throw new IllegalArgumentException("--train and --test must be at least 2 bars");
        }
        data.check(def.needsSecondSeries());
        DataOptions.Loaded loaded = data.load(def.needsSecondSeries());
        BacktestRequest template = new BacktestRequest(loaded.bars(), loaded.second(), s.strategy(),
                Strategies.registry().resolve(s.strategy(), Map.of()), sweep.fee, sweep.capital, sweep.slippageBps, 0,
                loaded.bars().size(), BacktestRequest.Engine.AUTO);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "of the windows");
        WalkForward.Result r = new WalkForward().run(template, s, train, test, bar, () -> false);
        bar.done();
        print(spec.commandLine().getOut(), r, s, loaded, train, test);
        return 0;
    }

    static void print(PrintWriter out, WalkForward.Result r, Sweep.Spec s, DataOptions.Loaded loaded, int train, int test) {
        out.printf(Locale.ROOT, "%s walk-forward on %s: %d windows of %,d in-sample + %,d out-of-sample bars, ranked by %s%n%n",
                s.strategy(), loaded.source(), r.windows().size(), train, test, s.rankBy());
        out.printf(Locale.ROOT, "%3s  %-22s %-36s | %-10s %8s | %-10s %8s %10s  %s%n", "#", "out of sample from", "chosen in sample",
                "IS return", "IS shp", "OOS return", "OOS shp", "OOS hold", "flags");
        for (WalkForward.Window w : r.windows()) {
            String flags = (w.losesToHold() ? "LOSES TO HOLD " : "") + (w.collapses() ? "COLLAPSES" : "");
            out.printf(Locale.ROOT, "%3d  %-22s %-36s | %10s %8s | %10s %8s %10s  %s%n", w.index(),
                    Instant.ofEpochMilli(w.oosFrom()), w.best(), Report.signedPct(w.isBest().totalReturn()),
                    Report.ratio(w.isBest().sharpe()), Report.signedPct(w.oos().totalReturn()), Report.ratio(w.oos().sharpe()),
                    Report.signedPct(w.oosHold().totalReturn()), flags);
        }
        out.printf(Locale.ROOT, "%nin sample (the winners, optimistic by construction): mean sharpe %s%n", Report.ratio(r.meanIsSharpe()));
        out.printf(Locale.ROOT, "out of sample (what counts): chained return %s vs buy-and-hold %s, mean sharpe %s%n",
                Report.signedPct(r.oosReturn()), Report.signedPct(r.holdReturn()), Report.ratio(r.meanOosSharpe()));
        out.printf(Locale.ROOT, "windows losing to buy-and-hold: %d of %d; collapsing (OOS sharpe < %.0f%% of IS): %d of %d%n",
                r.windowsLosingToHold(), r.windows().size(), WalkForward.COLLAPSE_SHARE * 100, r.windowsCollapsing(),
                r.windows().size());
        if (r.losesToHold()) {
            out.println("FLAG: out of sample, the strategy loses to buy-and-hold");
        }
        if (r.overfit()) {
            out.println("FLAG: out-of-sample results collapse relative to in-sample: likely overfitted");
        }
        if (!r.losesToHold() && !r.overfit()) {
            out.println("no flag: out of sample it beat buy-and-hold and kept at least half its in-sample sharpe");
        }
    }
}
