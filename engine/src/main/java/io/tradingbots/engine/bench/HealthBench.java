package io.tradingbots.engine.bench;

import io.tradingbots.engine.health.ExchangeCalls;
import io.tradingbots.engine.health.HostMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the health report costs: recording one exchange call in {@link ExchangeCalls} (the cost
 * every exchange call pays, timed over batches since one call is shorter than the clock's
 * resolution, on one thread and on two at once), and what the health monitor spends each second
 * on the host figures and on the endpoints' percentiles.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Cost of recording an exchange call and of the health monitor's once-a-second measurement.")
final class HealthBench implements Callable<Integer> {

    @Option(names = "--calls", defaultValue = "5000000", description = "Calls recorded per thread and run (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--runs", defaultValue = "5", description = "Runs of each part; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        record(1, false); // warm-up
        record(1, true);
        double[] one = new double[runs];
        double[] two = new double[runs];
        double[] failed = new double[runs];
        for (int r = 0; r < runs; r++) {
            one[r] = record(1, false);
            two[r] = record(2, false);
            failed[r] = record(1, true);
        }
        out.printf(Locale.US, "record one call (start + succeeded or failed), %,d calls per thread, median of %d runs:%n", calls, runs);
        out.printf(Locale.US, "  succeeded, 1 thread : %.1f ns per call (runs %s)%n", median(one), list(one));
        out.printf(Locale.US, "  succeeded, 2 threads: %.1f ns per call on each thread, same endpoint (runs %s)%n", median(two), list(two));
        out.printf(Locale.US, "  failed, 1 thread    : %.1f ns per call, error text cut and masked (runs %s)%n", median(failed), list(failed));

        ExchangeCalls full = new ExchangeCalls();
        for (String name : List.of("Binance.US market data", "Binance.US history", "Binance.US trading", "Kraken OHLC")) {
            ExchangeCalls.Endpoint e = full.endpoint(name);
            for (int i = 0; i < ExchangeCalls.RING; i++) {
                e.succeeded(e.start() - 1_000_000L * (i % 300));
            }
        }
        Path dir = Files.createTempDirectory("tb-health-bench");
        try {
            int samples = 2_000;
            long[] snapshot = new long[samples];
            long[] host = new long[samples];
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                full.snapshot();
                long t1 = System.nanoTime();
                HostMetrics.measure(dir);
                long t2 = System.nanoTime();
                snapshot[i] = t1 - t0;
                host[i] = t2 - t1;
            }
            out.printf(Locale.US, "health monitor, per measurement (once a second), %,d samples after as many warm-up ones:%n", samples / 2);
            out.printf(Locale.US, "  4 endpoints x %d calls, percentiles: p50 %.1f us, p99 %.1f us%n", ExchangeCalls.RING,
                    pct(snapshot, samples / 2, 50), pct(snapshot, samples / 2, 99));
            out.printf(Locale.US, "  host figures (CPU, /proc/meminfo, file store, GC beans): p50 %.1f us, p99 %.1f us%n",
                    pct(host, samples / 2, 50), pct(host, samples / 2, 99));
        } finally {
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    /** ns per recorded call, each of {@code threads} threads recording {@link #calls} calls to one endpoint at once. */
    private double record(int threads, boolean fail) throws InterruptedException {
        ExchangeCalls.Endpoint e = new ExchangeCalls().endpoint("bench");
        CountDownLatch go = new CountDownLatch(1);
        long[] elapsed = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException ex) {
                    return;
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    long start = e.start();
                    if (fail) {
                        e.failed(start, "BTC/USD 1m klines: HTTP 503 from http://127.0.0.1:8080");
                    } else {
                        e.succeeded(start);
                    }
                }
                elapsed[id] = System.nanoTime() - t0;
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        return Arrays.stream(elapsed).average().orElse(0) / calls;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.US, "%.1f", x));
        }
        return b.toString();
    }

    /** Nearest-rank percentile, in µs, of the samples after the first {@code skip}. */
    private static double pct(long[] ns, int skip, int p) {
        long[] s = Arrays.copyOfRange(ns, skip, ns.length);
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1000.0;
    }
}
