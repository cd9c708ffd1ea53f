package io.tradingbots.engine.backtest;

import io.tradingbots.engine.strategy.Params;
import io.tradingbots.engine.strategy.Strategies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A grid or random search over parameter ranges, on several threads, every combination a full
 * backtest of the same bars and range. Combinations share indicator values ({@link SharedIndicators}:
 * sma-cross's averages per length, and the ta4j series for the others). Invalid combinations
 * (fast &gt;= slow) are skipped and counted.
 */
public final class Sweep {

    /**
     * @param fixed     parameters held at one value (others take their defaults)
     * @param random    0 for the full grid; otherwise this many distinct combinations drawn from it
     * @param rankBy    a {@link Metrics#RANKABLE} name; higher first, undefined last
     */
    public record Spec(String strategy, Map<String, String> fixed, List<ParamRange> ranges, int random, long seed,
                       String rankBy, int threads) {
        public Spec {
            Metrics.checkRankable(rankBy);
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            if (random < 0) {
                throw new IllegalArgumentException("--random must be >= 0");
            }
        }
    }

    public record Row(Params params, Metrics metrics, double score) {}

    public record Result(List<Row> ranked, int tried, int invalid, Metrics buyAndHold, long millis, int sharedAverages) {}

    private final BacktestRunner runner = new BacktestRunner();

    /** The combinations to try, checked; throws on an unknown parameter. */
    static List<Params> combinations(Spec s, int[] invalid) {
        Strategies reg = Strategies.registry();
        List<List<String>> values = new ArrayList<>();
        for (ParamRange r : s.ranges()) {
            values.add(r.values());
        }
        List<Map<String, String>> raw = new ArrayList<>();
        long grid = 1;
        for (List<String> v : values) {
            grid = Math.multiplyExact(grid, (long) v.size());
        }
        if (s.random() == 0) {
            if (grid > 5_000_000) {
                throw new IllegalArgumentException("the grid has " + grid + " combinations: narrow it or use --random N");
            }
            int[] idx = new int[values.size()];
            for (long k = 0; k < grid; k++) {
                Map<String, String> m = new LinkedHashMap<>(s.fixed());
                long rest = k;
                for (int j = values.size() - 1; j >= 0; j--) {
                    idx[j] = (int) (rest % values.get(j).size());
                    rest /= values.get(j).size();
                }
                for (int j = 0; j < values.size(); j++) {
                    m.put(s.ranges().get(j).name(), values.get(j).get(idx[j]));
                }
                raw.add(m);
            }
        } else {
            SplittableRandom rnd = new SplittableRandom(s.seed());
            LinkedHashSet<Map<String, String>> seen = new LinkedHashSet<>();
            long tries = 0;
            while (seen.size() < Math.min(s.random(), grid) && tries++ < 50L * s.random()) {
                Map<String, String> m = new LinkedHashMap<>(s.fixed());
                for (int j = 0; j < values.size(); j++) {
                    m.put(s.ranges().get(j).name(), values.get(j).get(rnd.nextInt(values.get(j).size())));
                }
                seen.add(m);
            }
            raw.addAll(seen);
        }
        List<Params> out = new ArrayList<>();
        for (Map<String, String> m : raw) {
            try {
                out.add(reg.resolve(s.strategy(), m));
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith("unknown")) {
                    throw e;
                }
                invalid[0]++;
            }
        }
        return out;
    }

    /**
     * Checks the spec without running anything: every parameter named, every value of every range
     * of the right kind and in range. Only combinations failing a cross-parameter check (fast &gt;= slow)
     * are left to be skipped and counted.
     */
    public static void check(Spec s) {
        Map<String, String> m = new HashMap<>(s.fixed());
        for (ParamRange r : s.ranges()) {
            m.put(r.name(), r.values().get(0));
        }
        Strategies reg = Strategies.registry();
        for (Map.Entry<String, String> e : s.fixed().entrySet()) {
            reg.checkValue(s.strategy(), m, e.getKey(), e.getValue());
        }
        for (ParamRange r : s.ranges()) {
            if (s.fixed().containsKey(r.name())) {
                throw new IllegalArgumentException(r.name() + " is given both as --param and as --range");
            }
            for (String v : r.values()) {
                reg.checkValue(s.strategy(), m, r.name(), v);
            }
        }
    }

    /** Runs every combination on {@code template}'s bars and range (its params are replaced). */
    public Result run(BacktestRequest template, Spec spec, BacktestRunner.Progress progress, BooleanSupplier cancelled) {
        long t0 = System.nanoTime();
        check(spec);
        int[] invalid = {0};
        List<Params> combos = combinations(spec, invalid);
        if (combos.isEmpty()) {
            throw new IllegalArgumentException("no valid combination in those ranges (" + invalid[0] + " invalid, e.g. fast >= slow)");
        }
        SharedIndicators shared = new SharedIndicators(template.bars());
        Row[] rows = new Row[combos.size()];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), r -> {
            Thread t = new Thread(r, "sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < spec.threads(); w++) {
                futures.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < rows.length; k = next.getAndIncrement()) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("sweep cancelled after " + done.get() + " of " + rows.length);
                        }
                        BacktestResult r = runner.run(template.withParams(combos.get(k)), BacktestRunner.Progress.NONE,
                                cancelled, shared);
                        rows[k] = new Row(combos.get(k), r.metrics(), r.metrics().byName(spec.rankBy()));
                        progress.report(done.incrementAndGet() / (double) rows.length);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("sweep interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Row> ranked = new ArrayList<>(List.of(rows));
        ranked.sort(Comparator.comparingDouble((Row r) -> Double.isNaN(r.score()) ? Double.NEGATIVE_INFINITY : r.score())
                .reversed());
        Metrics hold = BacktestRunner.buyAndHold(template, template.bars().timeframe().millis());
        return new Result(List.copyOf(ranked), rows.length, invalid[0], hold, (System.nanoTime() - t0) / 1_000_000,
                shared.smaCount());
    }
}
