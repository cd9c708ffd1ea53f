package io.tradingbots.engine.bench;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.history.CandleColumns;
import io.tradingbots.engine.history.CandleStore;
import io.tradingbots.engine.history.SeriesKey;
import io.tradingbots.engine.history.TimeRange;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Ingest into and read back from a fresh HSQLDB file store in a temporary directory. */
final class HistoryStoreBench {

    private HistoryStoreBench() {}

    static final SeriesKey KEY = new SeriesKey("bench", "BTC/USD", Timeframe.M1);
    static final long START = 1_546_300_800_000L; // 2019-01-01

    /** Deterministic candles with Binance-like 8-decimal prices. */
    static List<Candle> candles(int count, int offset) {
        List<Candle> out = new ArrayList<>(count);
        long price = 3_700_000_000_000L; // 37,000.00000000 in 1e-8 units
        for (int i = offset; i < offset + count; i++) {
            price += ((i * 7919L) % 2001) - 1000;
            BigDecimal o = BigDecimal.valueOf(price, 8);
            BigDecimal h = BigDecimal.valueOf(price + 1_500_000, 8);
            BigDecimal l = BigDecimal.valueOf(price - 1_500_000, 8);
            BigDecimal c = BigDecimal.valueOf(price + 250_000, 8);
            BigDecimal v = BigDecimal.valueOf(1_000_000L + (i % 977) * 13_337L, 8);
            out.add(new Candle(KEY.symbol(), KEY.timeframe(), START + i * 60_000L, o, h, l, c, v));
        }
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Fills a new store with {@code total} candles in chunks of {@code chunk}; returns the store's directory. */
    static double ingest(Path dir, int total, int chunk, PrintWriter out) {
        try (Database db = Database.openFile(dir)) {
            CandleStore store = new CandleStore(db);
            store.store(KEY, candles(chunk, 0)); // warm-up: JIT and the first pages
            long nanos = 0;
            for (int done = chunk; done < total; done += chunk) {
                List<Candle> part = candles(Math.min(chunk, total - done), done);
                long t0 = System.nanoTime();
                store.store(KEY, part);
                nanos += System.nanoTime() - t0;
            }
            double rate = (total - chunk) / (nanos / 1e9);
            out.printf("ingest: %,d candles (after %,d warm-up) in %.2f s: %,.0f candles/s (batches of %,d, one transaction each)%n",
                    total - chunk, chunk, nanos / 1e9, rate, CandleStore.BATCH);
            return rate;
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Candles per second stored into a new HSQLDB file store.")
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--candles", defaultValue = "2000000", description = "How many (default: ${DEFAULT-VALUE}).")
        int candles;

        @Option(names = "--chunk", defaultValue = "100000", description = "Candles handed to the store per call (default: ${DEFAULT-VALUE}).")
        int chunk;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path dir = Files.createTempDirectory("tb-bench-ingest");
            try {
                ingest(dir, candles, chunk, spec.commandLine().getOut());
            } finally {
                deleteTree(dir);
            }
            return 0;
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Time to read a range of candles from the HSQLDB file store into memory.")
    static final class Read implements Callable<Integer> {
        @Option(names = "--candles", defaultValue = "1000000", description = "Range size (default: ${DEFAULT-VALUE}).")
        int candles;

        @Option(names = "--runs", defaultValue = "5", description = "Reads after reopening the store (default: ${DEFAULT-VALUE}).")
        int runs;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = Files.createTempDirectory("tb-bench-read");
            try {
                ingest(dir, candles + 100_000, 100_000, out);
                try (Database db = Database.openFile(dir)) {
                    CandleStore store = new CandleStore(db);
                    TimeRange range = new TimeRange(START + 50_000 * 60_000L, START + (50_000L + candles) * 60_000L);
                    long[] ms = new long[runs];
                    for (int run = 0; run < runs; run++) {
                        System.gc(); // the previous run's candles are garbage: not this run's cost
                        long t0 = System.nanoTime();
                        CandleColumns got = store.readColumns(KEY, range);
                        ms[run] = (System.nanoTime() - t0) / 1_000_000;
                        out.printf("read %d: %,d candles in %,d ms%n", run + 1, got.size(), ms[run]);
                    }
                    java.util.Arrays.sort(ms);
                    out.printf("read: median %,d ms, max %,d ms for %,d candles%n", ms[runs / 2], ms[runs - 1], candles);
                }
            } finally {
                deleteTree(dir);
            }
            return 0;
        }
    }
}
