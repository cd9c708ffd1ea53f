package io.tradingbots.engine.market;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
import io.tradingbots.engine.EngineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Reads candle files for replay: a CSV with a header that names a time column (openTime, unix,
 * time or timestamp; ms or s) and open, high, low, close and optionally volume; or a JSON array
 * with one {@code [openTime, open, high, low, close, volume, ...]} array per candle (the Binance
 * kline layout). Rows may come in any order; when an open time appears twice, the row with the
 * larger volume (the complete candle) is kept. The timeframe is the smallest spacing of open times.
 */
public final class CandleFiles {

    private CandleFiles() {}

    record Row(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {}

    public static List<Candle> read(Path file, String symbol) {
        List<Row> rows;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.mark(1);
            int first = in.read();
            in.reset();
            rows = first == '[' ? readJson(in, file) : readCsv(in, file);
        } catch (IOException e) {
            throw new EngineException("cannot read candle file " + file + ": " + e.getMessage(), e);
        }
        if (rows.size() < 2) {
            throw new EngineException("candle file " + file + " has " + rows.size() + " candle(s): replay needs at least 2");
        }
        TreeMap<Long, Row> byTime = new TreeMap<>();
        for (Row r : rows) {
            byTime.merge(r.openTime(), r, (a, b) -> a.volume().compareTo(b.volume()) >= 0 ? a : b);
        }
        long spacing = Long.MAX_VALUE;
        Long prev = null;
        for (Long t : byTime.keySet()) {
            if (prev != null) {
                spacing = Math.min(spacing, t - prev);
            }
            prev = t;
        }
        Timeframe tf;
        try {
            tf = Timeframe.ofMillis(spacing);
        } catch (IllegalArgumentException e) {
            throw new EngineException("candle file " + file + ": " + e.getMessage());
        }
        List<Candle> candles = new ArrayList<>(byTime.size());
        for (Row r : byTime.values()) {
            candles.add(new Candle(symbol, tf, r.openTime(), r.open(), r.high(), r.low(), r.close(), r.volume()));
        }
        candles.sort(Comparator.comparingLong(Candle::openTime));
        return candles;
    }

    private static List<Row> readCsv(BufferedReader in, Path file) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new EngineException("candle file " + file + " is empty");
        }
        String[] names = header.toLowerCase(Locale.ROOT).split(",");
        int time = indexOf(names, "opentime", "open_time", "unix", "time", "timestamp");
        int open = indexOf(names, "open");
        int high = indexOf(names, "high");
        int low = indexOf(names, "low");
        int close = indexOf(names, "close");
        int volume = indexOf(names, "volume");
        if (volume < 0) {
            volume = indexStartingWith(names, "volume "); // CryptoDataDownload: "Volume BTC" (base) comes first
        }
        if (time < 0 || open < 0 || high < 0 || low < 0 || close < 0) {
            throw new EngineException("candle file " + file + ": header '" + header
                    + "' must name a time column (openTime, unix, time or timestamp) and open, high, low, close");
        }
        List<Row> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                rows.add(new Row(toMillis(f[time].trim()), dec(f[open]), dec(f[high]), dec(f[low]), dec(f[close]),
                        volume < 0 ? BigDecimal.ZERO : dec(f[volume])));
            } catch (RuntimeException e) {
                throw new EngineException("candle file " + file + " line " + lineNo + " is malformed: '" + line + "'", e);
            }
        }
        return rows;
    }

    private static List<Row> readJson(Reader in, Path file) {
        JsonElement root;
        try {
            root = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new EngineException("candle file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonArray()) {
            throw new EngineException("candle file " + file + " must hold a JSON array of candle arrays");
        }
        List<Row> rows = new ArrayList<>();
        int index = 0;
        for (JsonElement e : root.getAsJsonArray()) {
            try {
                JsonArray a = e.getAsJsonArray();
                rows.add(new Row(toMillis(a.get(0).getAsString()), dec(a.get(1).getAsString()), dec(a.get(2).getAsString()),
                        dec(a.get(3).getAsString()), dec(a.get(4).getAsString()),
                        a.size() > 5 ? dec(a.get(5).getAsString()) : BigDecimal.ZERO));
            } catch (RuntimeException ex) {
                throw new EngineException("candle file " + file + ": element " + index + " is not [openTime, open, high, low, close, volume]", ex);
            }
            index++;
        }
        return rows;
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

    private static int indexStartingWith(String[] names, String prefix) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].trim().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Open time in ms; values below 10^11 are seconds (possibly with a fraction). */
    static long toMillis(String text) {
        BigDecimal v = new BigDecimal(text);
        if (v.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
            v = v.movePointRight(3);
        }
        return v.longValueExact();
    }

    private static BigDecimal dec(String text) {
        return new BigDecimal(text.trim());
    }
}
