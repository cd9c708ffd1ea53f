package io.tradingbots.engine.history;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The history feature as the command line and the API see it: import, export, inventory. */
public final class CandleHistory {

    private final CandleStore store;

    public CandleHistory(CandleStore store) {
        this.store = store;
    }

    public CandleStore store() {
        return store;
    }

    /** What an import did. {@code stored + alreadyStored} = candles the file held once resolved. */
    public record ImportReport(SeriesKey key, long rowsRead, long stored, long alreadyStored, long duplicateRows,
                               long conflicts, List<TimeRange> gaps, long missingCandles,
                               List<CandleFileReader.BadRow> badRows) {}

    /**
     * Imports a file into {@code key}. With bad rows and {@code skipBad} false nothing is stored:
     * the report lists them and the caller exits non-zero. An import records no coverage: holes in
     * a file stay "missing" until the exchange confirms them.
     */
    public ImportReport importFile(Path file, SeriesKey key, boolean skipBad) {
        if (!Files.isRegularFile(file)) {
            throw new EngineException("no such file: " + file);
        }
        CandleFileReader.Parsed p = CandleFileReader.read(file, key.symbol(), key.timeframe());
        if (p.candles().size() >= 10 && !p.gaps().isEmpty()) { // a real file, not a few rows
            long spacing = Long.MAX_VALUE;
            for (int i = 1; i < p.candles().size(); i++) {
                spacing = Math.min(spacing, p.candles().get(i).openTime() - p.candles().get(i - 1).openTime());
            }
            if (spacing > key.timeframe().millis()) {
                throw new EngineException(file + " holds candles at least " + spacing / 60_000 + " min apart, not "
                        + key.timeframe() + " candles: pass the file's --timeframe");
            }
        }
        CandleStore.WriteResult w = new CandleStore.WriteResult(0, 0);
        if (p.badRows().isEmpty() || skipBad) {
            w = store.store(key, p.candles());
        }
        return new ImportReport(key, p.rowsRead(), w.stored(), w.duplicates(), p.duplicateRows(), p.conflicts(), p.gaps(),
                p.missingCandles(key.timeframe()), p.badRows());
    }

    public enum Format { CSV, JSON }

    /** Writes {@code openTime,open,high,low,close,volume} ascending; returns the number of candles. */
    public long export(SeriesKey key, TimeRange range, Format format, Path out) {
        List<Candle> candles = store.read(key, range);
        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            if (format == Format.CSV) {
                w.write("openTime,open,high,low,close,volume\n");
                for (Candle c : candles) {
                    w.write(c.openTime() + "," + c.open().toPlainString() + "," + c.high().toPlainString() + ","
                            + c.low().toPlainString() + "," + c.close().toPlainString() + "," + c.volume().toPlainString() + "\n");
                }
            } else {
                w.write("[");
                for (int i = 0; i < candles.size(); i++) {
                    Candle c = candles.get(i);
                    w.write((i == 0 ? "\n" : ",\n") + "[" + c.openTime() + ",\"" + c.open().toPlainString() + "\",\""
                            + c.high().toPlainString() + "\",\"" + c.low().toPlainString() + "\",\""
                            + c.close().toPlainString() + "\",\"" + c.volume().toPlainString() + "\"]");
                }
                w.write("\n]\n");
            }
        } catch (IOException e) {
            throw new EngineException("cannot write " + out + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EngineException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return candles.size();
    }

    /** Every stored series, or those matching the filters (null: any). */
    public List<Inventory> inventory(String symbol, Timeframe timeframe) {
        List<Inventory> out = new ArrayList<>();
        for (SeriesKey k : store.series()) {
            if ((symbol == null || symbol.equals(k.symbol())) && (timeframe == null || timeframe == k.timeframe())) {
                out.add(store.inventory(k));
            }
        }
        return out;
    }

    /** The one series with this symbol and timeframe when no exchange is named. */
    public SeriesKey resolve(String exchange, String symbol, Timeframe tf) {
        if (exchange != null) {
            return new SeriesKey(exchange, symbol, tf);
        }
        List<SeriesKey> matches = store.series().stream()
                .filter(k -> k.symbol().equals(symbol) && k.timeframe() == tf).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new EngineException("no " + symbol + " " + tf + " candles are stored: see 'tb history inventory'");
        }
        throw new EngineException(symbol + " " + tf + " is stored from several sources ("
                + matches.stream().map(SeriesKey::exchange).toList() + "): pass --exchange");
    }
}
