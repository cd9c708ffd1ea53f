package io.tradingbots.engine.history;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Reads a candle file for import, keeping count of everything it had to decide. Formats:
 * CSV with a header naming a time column (openTime, open_time, unix, time, timestamp) and open,
 * high, low, close, volume (CryptoDataDownload's "Volume BTC" counts as volume); Binance kline CSV
 * without a header (12 numeric columns); JSON with one array per candle ({@code [openTime, open,
 * high, low, close, volume, ...]}, the Binance kline reply). Open times may be seconds (with a
 * fraction), milliseconds or microseconds, rows in any order. When an open time repeats with
 * other values, the row with the larger volume (the complete candle) wins: a conflict.
 */
public final class CandleFileReader {

    private CandleFileReader() {}

    /** A row that could not be used: its line (CSV) or element number (JSON, from 1) and why. */
    public record BadRow(long line, String reason, boolean json) {
        BadRow(long line, String reason) {
            this(line, reason, false);
        }

        @Override
        public String toString() {
            return (json ? "element " : "line ") + line + ": " + reason;
        }
    }

    /** What the file held: candles ascending, one per open time, and the counts behind them. */
    public record Parsed(List<Candle> candles, long rowsRead, long duplicateRows, long conflicts,
                         List<BadRow> badRows, List<TimeRange> gaps) {
        public long missingCandles(Timeframe tf) {
            return gaps.stream().mapToLong(g -> g.length() / tf.millis()).sum();
        }
    }

    public static Parsed read(Path file, String symbol, Timeframe tf) {
        List<Row> rows = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        readRows(file, rows, bad);
        return assemble(rows, bad, symbol, tf);
    }

    /**
     * Reads a file whose timeframe is not given (a replay): the timeframe is the smallest spacing
     * of distinct open times. A file with any bad row is refused, naming the first one.
     */
    public static Parsed readInferringTimeframe(Path file, String symbol) {
        List<Row> rows = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        readRows(file, rows, bad);
        if (!bad.isEmpty()) {
            bad.sort(java.util.Comparator.comparingLong(BadRow::line));
            throw new EngineException("candle file " + file + ": " + bad.size() + " bad row(s), the first at " + bad.get(0));
        }
        long[] times = rows.stream().mapToLong(Row::openTime).distinct().sorted().toArray();
        long spacing = Long.MAX_VALUE;
        for (int i = 1; i < times.length; i++) {
            spacing = Math.min(spacing, times[i] - times[i - 1]);
        }
        if (spacing == Long.MAX_VALUE) {
            throw new EngineException("candle file " + file + " has fewer than 2 candles: replay needs at least 2");
        }
        Timeframe tf;
        try {
            tf = Timeframe.ofMillis(spacing);
        } catch (IllegalArgumentException e) {
            throw new EngineException("candle file " + file + ": " + e.getMessage());
        }
        Parsed parsed = assemble(rows, bad, symbol, tf);
        if (!parsed.badRows().isEmpty()) {
            throw new EngineException("candle file " + file + ": " + parsed.badRows().size() + " bad row(s), the first at "
                    + parsed.badRows().get(0));
        }
        return parsed;
    }

    private static void readRows(Path file, List<Row> rows, List<BadRow> bad) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.mark(1);
            int first = in.read();
            in.reset();
            if (first == '[') {
                readJson(in, file, rows, bad);
            } else {
                readCsv(in, file, rows, bad);
            }
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Parsed assemble(List<Row> rows, List<BadRow> bad, String symbol, Timeframe tf) {
        long rowsRead = rows.size() + bad.size();
        TreeMap<Long, Row> byTime = new TreeMap<>();
        long duplicates = 0;
        long conflicts = 0;
        for (Row r : rows) {
            if (Math.floorMod(r.openTime, tf.millis()) != 0) {
                bad.add(new BadRow(r.line, "open time " + r.openTime + " is not on a " + tf + " boundary"));
                continue;
            }
            Row old = byTime.get(r.openTime);
            if (old == null) {
                byTime.put(r.openTime, r);
            } else if (old.sameValues(r)) {
                duplicates++;
            } else {
                conflicts++;
                if (r.volume.compareTo(old.volume) > 0) {
                    byTime.put(r.openTime, r);
                }
            }
        }
        bad.sort(java.util.Comparator.comparingLong(BadRow::line));
        List<Candle> candles = new ArrayList<>(byTime.size());
        List<TimeRange> gaps = new ArrayList<>();
        long prev = Long.MIN_VALUE;
        for (Row r : byTime.values()) {
            if (prev != Long.MIN_VALUE && r.openTime - prev > tf.millis()) {
                gaps.add(new TimeRange(prev + tf.millis(), r.openTime));
            }
            prev = r.openTime;
            try {
                candles.add(new Candle(symbol, tf, r.openTime, r.open, r.high, r.low, r.close, r.volume));
            } catch (IllegalArgumentException e) {
                bad.add(new BadRow(r.line, e.getMessage()));
            }
        }
        return new Parsed(candles, rowsRead, duplicates, conflicts, bad, gaps);
    }

    private record Row(long line, long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                       BigDecimal volume) {
        boolean sameValues(Row o) {
            return open.compareTo(o.open) == 0 && high.compareTo(o.high) == 0 && low.compareTo(o.low) == 0
                    && close.compareTo(o.close) == 0 && volume.compareTo(o.volume) == 0;
        }
    }

    private static void readCsv(BufferedReader in, Path file, List<Row> rows, List<BadRow> bad) throws IOException {
        String firstLine = in.readLine();
        if (firstLine == null) {
            throw new EngineException(file + " is empty");
        }
        int[] cols; // time, open, high, low, close, volume
        long lineNo = 1;
        String line;
        if (!firstLine.isEmpty() && Character.isDigit(firstLine.charAt(0))) {
            cols = new int[] {0, 1, 2, 3, 4, 5}; // Binance kline CSV, no header
            line = firstLine;
        } else {
            cols = headerColumns(firstLine, file);
            line = in.readLine();
            lineNo++;
        }
        int needed = 0;
        for (int c : cols) {
            needed = Math.max(needed, c + 1);
        }
        for (; line != null; line = in.readLine(), lineNo++) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < needed) {
                bad.add(new BadRow(lineNo, "has " + f.length + " column(s), expected at least " + needed + " (truncated?): '" + shorten(line) + "'"));
                continue;
            }
            try {
                rows.add(new Row(lineNo, toMillis(f[cols[0]].trim()), dec(f[cols[1]]), dec(f[cols[2]]), dec(f[cols[3]]),
                        dec(f[cols[4]]), dec(f[cols[5]])));
            } catch (RuntimeException e) {
                bad.add(new BadRow(lineNo, "not a number where one is expected: '" + shorten(line) + "'"));
            }
        }
    }

    private static int[] headerColumns(String header, Path file) {
        String[] names = header.toLowerCase(Locale.ROOT).split(",");
        int time = indexOf(names, "opentime", "open_time", "open time", "unix", "time", "timestamp");
        int volume = indexOf(names, "volume");
        if (volume < 0) {
            for (int i = 0; i < names.length && volume < 0; i++) {
                if (names[i].trim().startsWith("volume ")) {
                    volume = i; // CryptoDataDownload: "Volume BTC" (base) comes before "Volume USDT"
                }
            }
        }
        int[] cols = {time, indexOf(names, "open"), indexOf(names, "high"), indexOf(names, "low"), indexOf(names, "close"), volume};
        for (int c : cols) {
            if (c < 0) {
                throw new EngineException(file + " line 1: header '" + shorten(header) + "' must name a time column"
                        + " (openTime, unix, time or timestamp) and open, high, low, close, volume");
            }
        }
        return cols;
    }

    private static void readJson(BufferedReader in, Path file, List<Row> rows, List<BadRow> bad) {
        JsonElement root;
        try {
            root = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new EngineException(file + " is not valid JSON (truncated?): " + e.getMessage(), e);
        }
        if (!root.isJsonArray()) {
            throw new EngineException(file + " must hold a JSON array of candle arrays");
        }
        long index = 0;
        for (JsonElement e : root.getAsJsonArray()) {
            index++;
            try {
                JsonArray a = e.getAsJsonArray();
                rows.add(new Row(index, toMillis(a.get(0).getAsString()), dec(a.get(1).getAsString()), dec(a.get(2).getAsString()),
                        dec(a.get(3).getAsString()), dec(a.get(4).getAsString()), dec(a.get(5).getAsString())));
            } catch (RuntimeException ex) {
                bad.add(new BadRow(index, "not [openTime, open, high, low, close, volume, ...]: " + shorten(e.toString()), true));
            }
        }
    }

    private static int indexOf(String[] names, String... wanted) {
        for (String w : wanted) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].trim().equals(w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Open time in ms from seconds (below 10^11, maybe with a fraction), ms, or µs (from 10^14). */
    static long toMillis(String text) {
        BigDecimal v = new BigDecimal(text);
        if (v.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
            v = v.movePointRight(3);
        } else if (v.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) >= 0) {
            v = v.movePointLeft(3);
        }
        return v.longValueExact();
    }

    private static BigDecimal dec(String text) {
        return new BigDecimal(text.trim());
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
