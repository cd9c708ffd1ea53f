package io.tradingbots.engine.backtest;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.history.CandleColumns;
import io.tradingbots.engine.history.CandleFileReader;
import io.tradingbots.engine.history.LocalHistory;
import io.tradingbots.engine.history.SeriesKey;
import io.tradingbots.engine.history.Symbols;
import io.tradingbots.engine.history.TimeRange;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the candles of a backtest, sweep or walk-forward come from: the data directory's store, or a file. */
final class DataOptions {

    @Option(names = "--symbol", description = "Symbol, e.g. BTC/USD (with --file: optional, default BTC/USD).")
    String symbol;

    @Option(names = "--timeframe", description = "1m, 5m, 15m, 1h, 4h or 1d (required).")
    String timeframe;

    @Option(names = "--exchange", description = "Source in the store (needed only when the series is stored from several).")
    String exchange;

    @Option(names = "--from", description = "First open time: 2019-01-01, an instant or ms (default: the first candle).")
    String from;

    @Option(names = "--to", description = "End, exclusive (default: after the last candle).")
    String to;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Read the candles from this file (as 'tb history import' reads it) instead of the store.")
    Path file;

    @Option(names = "--second-exchange", paramLabel = "NAME",
            description = "arbitrage: the other source of the same symbol and timeframe in the store.")
    String secondExchange;

    @Option(names = "--second-file", paramLabel = "FILE", description = "arbitrage: the other source, from a file.")
    Path secondFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.tradingbots).")
    Path dataDir;

    /** The bars, the aligned second series (or null) and how to name them. */
    record Loaded(Bars bars, Bars second, String source) {}

    Timeframe tf() {
        if (timeframe == null) {
            throw new IllegalArgumentException("give --timeframe: 1m, 5m, 15m, 1h, 4h or 1d");
        }
        return Timeframe.parse(timeframe);
    }

    TimeRange range() {
        long start = from == null ? Long.MIN_VALUE / 2 : Symbols.time("--from", from);
        long end = to == null ? Long.MAX_VALUE / 2 : Symbols.time("--to", to);
        if (end <= start) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
        return new TimeRange(start, end);
    }

    /** Checks what can be checked without reading candles. */
    void check(boolean needsSecond) {
        tf();
        range();
        if (file == null && symbol == null) {
            throw new IllegalArgumentException("give --symbol (candles from the store) or --file");
        }
        if (symbol != null) {
            Symbols.symbol(symbol);
        }
        if (needsSecond && secondFile == null && secondExchange == null) {
            throw new IllegalArgumentException("arbitrage needs the other source: --second-exchange NAME or --second-file FILE");
        }
        if (!needsSecond && (secondFile != null || secondExchange != null)) {
            throw new IllegalArgumentException("--second-exchange/--second-file are for arbitrage only");
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new EngineException("no such file: " + file);
        }
        if (secondFile != null && !Files.isRegularFile(secondFile)) {
            throw new EngineException("no such file: " + secondFile);
        }
    }

    Loaded load(boolean needsSecond) {
        check(needsSecond);
        Timeframe tf = tf();
        TimeRange range = range();
        String sym = symbol == null ? "BTC/USD" : Symbols.symbol(symbol);
        Bars bars;
        Bars second = null;
        String source;
        if (file != null) {
            bars = fromFile(file, sym, tf, range);
            source = file.getFileName().toString();
        } else {
            try (LocalHistory h = LocalHistory.open(dataDir)) {
                SeriesKey key = h.history().resolve(exchange, sym, tf);
                bars = fromStore(h, key, range);
                source = key.toString();
                if (needsSecond && secondExchange != null) {
                    second = fromStore(h, new SeriesKey(secondExchange, sym, tf), range);
                }
            }
        }
        if (needsSecond && second == null) {
            if (secondFile != null) {
                second = fromFile(secondFile, sym, tf, range);
            } else {
                try (LocalHistory h = LocalHistory.open(dataDir)) {
                    second = fromStore(h, new SeriesKey(secondExchange, sym, tf), range);
                }
            }
        }
        if (second != null) {
            Bars[] ab = Bars.align(bars, second);
            if (ab[0].size() < 2) {
                throw new EngineException("the two sources share fewer than 2 open times in " + range);
            }
            source = String.format(java.util.Locale.ROOT, "%s vs %s (%,d shared bars of %,d)", source,
                    secondFile != null ? secondFile.getFileName() : secondExchange, ab[0].size(), bars.size());
            bars = ab[0];
            second = ab[1];
        }
        return new Loaded(bars, second, source);
    }

    static Bars fromStore(LocalHistory h, SeriesKey key, TimeRange range) {
        CandleColumns cols = h.history().store().readColumns(key, range);
        if (cols.size() == 0) {
            throw new EngineException("no " + key + " candles in " + describe(range) + ": see 'tb history inventory'");
        }
        return Bars.of(cols);
    }

    static Bars fromFile(Path file, String symbol, Timeframe tf, TimeRange range) {
        CandleFileReader.Parsed p = CandleFileReader.read(file, symbol, tf);
        if (!p.badRows().isEmpty()) {
            throw new EngineException(file + ": " + p.badRows().size() + " bad row(s), first " + p.badRows().get(0));
        }
        List<Candle> in = p.candles().stream().filter(c -> c.openTime() >= range.from() && c.openTime() < range.to()).toList();
        if (in.isEmpty()) {
            throw new EngineException("no candles in " + file + " in " + describe(range));
        }
        return Bars.of(symbol, tf, in);
    }

    static String describe(TimeRange r) {
        String a = r.from() <= Long.MIN_VALUE / 2 ? "the beginning" : Instant.ofEpochMilli(r.from()).toString();
        String b = r.to() >= Long.MAX_VALUE / 2 ? "the end" : Instant.ofEpochMilli(r.to()).toString();
        return a + " .. " + b;
    }
}
