package io.tradingbots.engine.bench;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.backtest.BacktestRequest;
import io.tradingbots.engine.backtest.BacktestResult;
import io.tradingbots.engine.backtest.BacktestRunner;
import io.tradingbots.engine.backtest.Bars;
import io.tradingbots.engine.backtest.ParamRange;
import io.tradingbots.engine.backtest.Sweep;
import io.tradingbots.engine.backtest.SyntheticBars;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Params;
import io.tradingbots.engine.strategy.Strategies;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tb bench backtest}: sma-cross throughput of the engine (fast array path and ta4j path)
 * against a plain double[] loop on the same bars, a 1,000-combination sweep over a year of 5m bars,
 * and the heap of a 2.6M one-minute-bar backtest. Bars come from {@link SyntheticBars} (seeded).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backtest figures: bars/s (engine vs plain loop), 1,000-combination sweep, 2.6M-bar heap.",
                "Run the memory part under -Xmx1500m to prove the heap target."})
final class BacktestBench implements Callable<Integer> {

    @Option(names = "--part", defaultValue = "all", description = "speed, sweep, memory or all (default: ${DEFAULT-VALUE}).")
    String part;

    @Option(names = "--bars", defaultValue = "1000000", description = "Bars of the speed part (default: ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per path, after warm-up; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "2", description = "Sweep threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--memory-bars", defaultValue = "2600000", description = "One-minute bars of the memory part (default: ${DEFAULT-VALUE}).")
    int memoryBars;

    @Option(names = "--memory-engine", defaultValue = "fast", description = "fast or ta4j: the path the memory part runs (default: ${DEFAULT-VALUE}).")
    String memoryEngine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "JVM %s, %d cores, max heap %,d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        boolean all = part.equals("all");
        if (!all && !List.of("speed", "sweep", "memory").contains(part)) {
            throw new IllegalArgumentException("--part " + part + ": use speed, sweep, memory or all");
        }
        if (all || part.equals("speed")) {
            speed(out);
        }
        if (all || part.equals("sweep")) {
            sweep(out);
        }
        if (all || part.equals("memory")) {
            memory(out);
        }
        return 0;
    }

    private static Params params(int fast, int slow) {
        return Strategies.registry().resolve("sma-cross", Map.of("fast", "" + fast, "slow", "" + slow));
    }

    private void speed(PrintWriter out) {
        Bars b = SyntheticBars.generate("BTC/USD", Timeframe.M5, bars, 11, 1_577_836_800_000L);
        double[] open = new double[b.size()];
        double[] close = new double[b.size()];
        for (int i = 0; i < b.size(); i++) {
            open[i] = b.open(i);
            close[i] = b.close(i);
        }
        BacktestRequest req = BacktestRequest.of(b, "sma-cross", params(10, 30), 0.001, 1000, 0);
        BacktestRunner runner = new BacktestRunner();
        BacktestResult fast = runner.run(req.withEngine(BacktestRequest.Engine.FAST));
        BacktestResult ta4j = runner.run(req.withEngine(BacktestRequest.Engine.TA4J));
        double[] plain = plainLoop(open, close, 10, 30, 0.001, 1000);
        // the three must agree before any of them is timed
        if (fast.trades().size() != (int) plain[1] || fast.finalEquity() != plain[0] || !fast.trades().equals(ta4j.trades())
                || fast.finalEquity() != ta4j.finalEquity()) {
            throw new EngineException("the paths disagree: fast " + fast.trades().size() + " trades / " + fast.finalEquity()
                    + ", ta4j " + ta4j.trades().size() + " / " + ta4j.finalEquity() + ", plain " + (int) plain[1] + " / " + plain[0]);
        }
        out.printf(Locale.ROOT, "%nspeed: sma-cross 10/30 on %,d synthetic 5m bars, one thread; all three paths: %,d trades,"
                + " final equity %.9g (identical)%n", b.size(), fast.trades().size(), fast.finalEquity());
        Runnable plainRun = () -> plainLoop(open, close, 10, 30, 0.001, 1000);
        Runnable fastRun = () -> runner.run(req.withEngine(BacktestRequest.Engine.FAST));
        for (int k = 0; k < 5; k++) { // warm-up: the JIT compiles the loops (on a loaded machine it takes a few runs)
            plainRun.run();
            fastRun.run();
        }
        // interleaved, so a burst of load from elsewhere hits both; the ratio is taken per pair
        double[] plainT = new double[runs];
        double[] fastT = new double[runs];
        double[] ratio = new double[runs];
        for (int k = 0; k < runs; k++) {
            plainT[k] = time(plainRun);
            fastT[k] = time(fastRun);
            ratio[k] = plainT[k] / fastT[k];
        }
        double ta4jMs = median(() -> runner.run(req.withEngine(BacktestRequest.Engine.TA4J)), Math.min(runs, 3));
        double plainMs = median(plainT);
        double fastMs = median(fastT);
        row(out, "plain double[] loop", b.size(), plainMs);
        row(out, "engine, fast path (auto)", b.size(), fastMs);
        row(out, "engine, ta4j Strategy path", b.size(), ta4jMs);
        out.printf(Locale.ROOT, "ratio engine fast path / plain loop (bars/s, median of %d interleaved pairs): %.2f"
                + " (pairs: min %.2f, max %.2f); ta4j path / plain loop: %.3f%n", runs, median(ratio), min(ratio), max(ratio),
                plainMs / ta4jMs);
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static void row(PrintWriter out, String what, int n, double ms) {
        out.printf(Locale.ROOT, "  %-28s median %9.1f ms  %,14.0f bars/s%n", what, ms, n / (ms / 1000));
    }

    private static double median(Runnable r, int n) {
        r.run(); // warm-up
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = time(r);
        }
        return median(t);
    }

    /**
     * The contract as a plain loop: window averages, two-bar crossing, next-open fills. Returns
     * {final equity, closed trades}.
     */
    static double[] plainLoop(double[] open, double[] close, int fastLen, int slowLen, double fee, double capital) {
        int n = close.length;
        double[] f = new double[n];
        double[] s = new double[n];
        for (int i = slowLen - 1; i < n; i++) {
            double a = 0;
            for (int j = i - fastLen + 1; j <= i; j++) {
                a += close[j];
            }
            f[i] = a / fastLen;
            double c = 0;
            for (int j = i - slowLen + 1; j <= i; j++) {
                c += close[j];
            }
            s[i] = c / slowLen;
        }
        double cash = capital;
        double qty = 0;
        int trades = 0;
        for (int i = slowLen; i < n - 1; i++) {
            if (qty == 0) {
                if (f[i] > s[i] && f[i - 1] <= s[i - 1]) {
                    qty = cash / (open[i + 1] * (1 + fee));
                    cash = 0;
                }
            } else if (f[i] < s[i] && f[i - 1] >= s[i - 1]) {
                cash = qty * open[i + 1] * (1 - fee);
                qty = 0;
                trades++;
            }
        }
        return new double[] {qty > 0 ? qty * close[n - 1] : cash, trades};
    }

    private void sweep(PrintWriter out) {
        int n = 105_120; // 365 days of 5m bars
        Bars b = SyntheticBars.generate("BTC/USD", Timeframe.M5, n, 12, 1_577_836_800_000L);
        BacktestRequest template = BacktestRequest.of(b, "sma-cross", params(10, 30), 0.001, 1000, 0);
        // 50 fast lengths x 20 slow lengths = 1,000 combinations, all valid (fast <= 51 < 60 <= slow)
        Sweep.Spec spec = new Sweep.Spec("sma-cross", Map.of(), List.of(ParamRange.parse("fast=2:51"), ParamRange.parse("slow=60:250:10")),
                0, 1, "sharpe", threads);
        new Sweep().run(template.withRange(0, 20_000), new Sweep.Spec("sma-cross", Map.of(),
                List.of(ParamRange.parse("fast=2:11"), ParamRange.parse("slow=60:100:10")), 0, 1, "sharpe", threads),
                f -> {}, () -> false); // warm-up on a small sweep
        long t0 = System.nanoTime();
        Sweep.Result r = new Sweep().run(template, spec, f -> {}, () -> false);
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%nsweep: %,d sma-cross combinations over %,d 5m bars on %d threads: %.2f s wall"
                        + " (%,.0f bar-steps/s); %d averages computed, shared by all; best %s sharpe %.3f%n",
                r.tried(), n, threads, s, (double) r.tried() * n / s, r.sharedAverages(), r.ranked().get(0).params(),
                r.ranked().get(0).score());
    }

    private void memory(PrintWriter out) {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        Bars b = SyntheticBars.generate("BTC/USD", Timeframe.M1, memoryBars, 13, 1_420_070_400_000L);
        BacktestRequest req = BacktestRequest.of(b, "sma-cross", params(10, 30), 0.001, 1000, 0)
                .withEngine(BacktestRequest.Engine.valueOf(memoryEngine.toUpperCase(Locale.ROOT)));
        BacktestResult r = new BacktestRunner().run(req);
        double s = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        out.printf(Locale.ROOT, "%nmemory: sma-cross 10/30 on %,d synthetic 1m bars (%s path) in %.2f s: %,d trades;"
                        + " heap used at the end %,d MB, peak (sum of heap pool peaks) %,d MB, max heap %,d MB%n",
                b.size(), r.engine(), s, r.trades().size(), used >> 20, peak >> 20, rt.maxMemory() >> 20);
    }
}
