package io.tradingbots.engine.history;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.market.Timeframe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tb history}: candles in the data directory's store. These commands open the data
 * directory themselves (taking the engine lock); while an engine runs there, use its gRPC
 * HistoryService instead.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Candle history in the data directory: fetch, import, export, inventory.",
                "Works on the data directory directly; while an engine runs on it, use the engine's HistoryService."},
        subcommands = {FetchCommand.class, HistoryCommand.Import.class, HistoryCommand.Export.class, HistoryCommand.InventoryCmd.class})
public final class HistoryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final int MAX_BAD_ROWS_SHOWN = 20;

    static Timeframe timeframe(String text) {
        return Timeframe.parse(text);
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Import a candle file: CryptoDataDownload CSV, Binance kline CSV or JSON, or a JSON array of",
                    "[openTime, open, high, low, close, volume]. Candles already stored are kept as they are.",
                    "A file with bad rows stores nothing (exit 1) unless --skip-bad is given."})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The file to import.")
        Path file;

        @Option(names = "--symbol", required = true, description = "Symbol, e.g. BTC/USD.")
        String symbol;

        @Option(names = "--timeframe", required = true, description = "Candle interval of the file: 1m, 5m, 15m, 1h, 4h, 1d.")
        String timeframe;

        @Option(names = "--exchange", defaultValue = "import",
                description = "Source name the candles are stored under (default: ${DEFAULT-VALUE}).")
        String exchange;

        @Option(names = "--skip-bad", description = "Store the good rows even when some rows are bad.")
        boolean skipBad;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.tradingbots).")
        Path dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SeriesKey key = new SeriesKey(exchange, Symbols.symbol(symbol), timeframe(timeframe));
            PrintWriter out = spec.commandLine().getOut();
            CandleHistory.ImportReport r;
            try (LocalHistory h = LocalHistory.open(dataDir)) {
                r = h.history.importFile(file, key, skipBad);
            }
            out.printf(Locale.ROOT, "%s -> %s%n", file, key);
            out.printf(Locale.ROOT, "rows read %,d; stored %,d; already stored %,d; duplicate rows %,d;"
                            + " conflicts resolved %,d (kept the larger volume); gaps %,d (%,d candles missing); bad rows %,d%n",
                    r.rowsRead(), r.stored(), r.alreadyStored(), r.duplicateRows(), r.conflicts(), r.gaps().size(),
                    r.missingCandles(), r.badRows().size());
            List<CandleFileReader.BadRow> bad = r.badRows();
            for (int i = 0; i < Math.min(MAX_BAD_ROWS_SHOWN, bad.size()); i++) {
                out.println("  bad " + bad.get(i));
            }
            if (bad.size() > MAX_BAD_ROWS_SHOWN) {
                out.printf(Locale.ROOT, "  ... and %,d more bad rows%n", bad.size() - MAX_BAD_ROWS_SHOWN);
            }
            if (!bad.isEmpty() && !skipBad) {
                throw new EngineException(file + ": " + bad.size() + " bad row(s), first " + bad.get(0)
                        + "; nothing was stored (fix the file or pass --skip-bad)");
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write stored candles as openTime,open,high,low,close,volume, ascending (CSV or JSON).")
    static final class Export implements Callable<Integer> {
        @Option(names = "--symbol", required = true, description = "Symbol, e.g. BTC/USD.")
        String symbol;

        @Option(names = "--timeframe", required = true, description = "1m, 5m, 15m, 1h, 4h or 1d.")
        String timeframe;

        @Option(names = "--exchange", description = "Source (needed only when the series is stored from several).")
        String exchange;

        @Option(names = "--format", defaultValue = "csv", description = "csv or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write (replaced).")
        Path out;

        @Option(names = "--from", description = "First open time: 2019-01-01, an instant or ms (default: the first stored).")
        String from;

        @Option(names = "--to", description = "End, exclusive (default: after the last stored).")
        String to;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.tradingbots).")
        Path dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CandleHistory.Format f = switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> CandleHistory.Format.CSV;
                case "json" -> CandleHistory.Format.JSON;
                default -> throw new IllegalArgumentException("--format " + format + ": use csv or json");
            };
            String sym = Symbols.symbol(symbol);
            Timeframe tf = timeframe(timeframe);
            long start = from == null ? Long.MIN_VALUE / 2 : Symbols.time("--from", from);
            long end = to == null ? Long.MAX_VALUE / 2 : Symbols.time("--to", to);
            if (end <= start) {
                throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
            }
            try (LocalHistory h = LocalHistory.open(dataDir)) {
                SeriesKey key = h.history.resolve(exchange, sym, tf);
                long n = h.history.export(key, new TimeRange(start, end), f, out);
                spec.commandLine().getOut().printf(Locale.ROOT, "%s: wrote %,d candles to %s%n", key, n, out);
            }
            return 0;
        }
    }

    @Command(name = "inventory", mixinStandardHelpOptions = true,
            description = "Per series: first and last candle, count, known gaps, missing ranges, storage used.")
    static final class InventoryCmd implements Callable<Integer> {
        @Option(names = "--symbol", description = "Only this symbol.")
        String symbol;

        @Option(names = "--timeframe", description = "Only this timeframe.")
        String timeframe;

        @Option(names = "--ranges", defaultValue = "5", description = "Gap and missing ranges listed per series (default: ${DEFAULT-VALUE}).")
        int ranges;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.tradingbots).")
        Path dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String sym = symbol == null ? null : Symbols.symbol(symbol);
            Timeframe tf = timeframe == null ? null : timeframe(timeframe);
            PrintWriter out = spec.commandLine().getOut();
            try (LocalHistory h = LocalHistory.open(dataDir)) {
                List<Inventory> all = h.history.inventory(sym, tf);
                if (all.isEmpty()) {
                    out.println("no candles stored" + (sym != null || tf != null ? " for that filter" : "")
                            + ": 'tb history fetch' or 'tb history import' fills the store");
                }
                for (Inventory i : all) {
                    print(out, i, ranges);
                }
            }
            return 0;
        }
    }

    static void print(PrintWriter out, Inventory i, int ranges) {
        out.printf(Locale.ROOT, "%s: %,d candles, %s .. %s; known gaps %,d (%,d candles); missing %,d ranges (%,d candles); %.1f MB%n",
                i.key(), i.count(), i.count() == 0 ? "-" : Instant.ofEpochMilli(i.firstOpen()),
                i.count() == 0 ? "-" : Instant.ofEpochMilli(i.lastOpen()), i.knownGaps().size(), i.knownGapCandles(),
                i.missing().size(), i.missingCandles(), i.storageBytes() / 1e6);
        listRanges(out, "known gap", i.knownGaps(), ranges);
        listRanges(out, "missing", i.missing(), ranges);
    }

    private static void listRanges(PrintWriter out, String what, List<TimeRange> list, int max) {
        for (int k = 0; k < Math.min(max, list.size()); k++) {
            out.println("  " + what + " " + list.get(k));
        }
        if (list.size() > max) {
            out.printf(Locale.ROOT, "  ... %,d more %s ranges%n", list.size() - max, what);
        }
    }
}
