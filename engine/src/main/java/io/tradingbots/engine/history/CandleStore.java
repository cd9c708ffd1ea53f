package io.tradingbots.engine.history;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Candles in the engine's database, one series per (exchange, symbol, timeframe). Writes are
 * insert-or-ignore: a candle whose open time is already stored is counted as a duplicate and
 * left as it is, so a re-run never duplicates or changes stored candles. Each batch is one
 * transaction, together with the coverage it records, so a kill leaves either all or none of it.
 */
public final class CandleStore {

    /** Candles per transaction. */
    public static final int BATCH = 10_000;

    private final Database db;
    private final ConcurrentHashMap<SeriesKey, Integer> ids = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    public CandleStore(Database db) {
        this.db = db;
    }

    /** How many candles of a write were new and how many were already stored. */
    public record WriteResult(long stored, long duplicates) {
        WriteResult plus(WriteResult o) {
            return new WriteResult(stored + o.stored, duplicates + o.duplicates);
        }
    }

    /** Stores candles (all of {@code key}'s symbol and timeframe), in batches of {@value #BATCH}. */
    public WriteResult store(SeriesKey key, List<Candle> candles) {
        return store(key, candles, null);
    }

    /**
     * Stores candles and, in the same transaction as the last batch, records that the exchange has
     * answered for {@code covered} (null: nothing recorded). Holes inside a covered range are known gaps.
     */
    public WriteResult store(SeriesKey key, List<Candle> candles, TimeRange covered) {
        int id = seriesId(key);
        if (!CandleBlockWriter.isSorted(candles)) {
            candles = new ArrayList<>(candles);
            candles.sort(Comparator.comparingLong(Candle::openTime));
        }
        WriteResult total = new WriteResult(0, 0);
        synchronized (writeLock) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    for (int from = 0; from < candles.size() || (from == 0 && covered != null); from += BATCH) {
                        List<Candle> batch = candles.subList(from, Math.min(candles.size(), from + BATCH));
                        total = total.plus(CandleBlockWriter.insertBatch(c, id, key, batch));
                        if (covered != null && from + BATCH >= candles.size()) {
                            addCoverage(c, id, covered);
                        }
                        c.commit();
                    }
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new EngineException("cannot store candles of " + key + ": " + e.getMessage(), e);
            }
        }
        return total;
    }

    private void addCoverage(Connection c, int id, TimeRange range) throws SQLException {
        List<TimeRange> existing = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT from_time, to_time FROM candle_coverage WHERE series_id = ? AND to_time >= ? AND from_time <= ?")) {
            q.setInt(1, id);
            q.setLong(2, range.from());
            q.setLong(3, range.to());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    existing.add(new TimeRange(r.getLong(1), r.getLong(2)));
                }
            }
        }
        long from = range.from();
        long to = range.to();
        for (TimeRange t : existing) {
            from = Math.min(from, t.from());
            to = Math.max(to, t.to());
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM candle_coverage WHERE series_id = ? AND from_time = ?")) {
            for (TimeRange t : existing) {
                d.setInt(1, id);
                d.setLong(2, t.from());
                d.addBatch();
            }
            if (!existing.isEmpty()) {
                d.executeBatch();
            }
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO candle_coverage (series_id, from_time, to_time) VALUES (?, ?, ?)")) {
            i.setInt(1, id);
            i.setLong(2, from);
            i.setLong(3, to);
            i.executeUpdate();
        }
    }

    /** Candles with open time in [from, to), ascending. */
    public List<Candle> read(SeriesKey key, TimeRange range) {
        List<Candle> out = new ArrayList<>();
        forEachBlock(key, range, (block, data) -> CandleBlocks.decode(data, key, block, range.from(), range.to(), out::add));
        return out;
    }

    /** Candles with open time in [from, to), ascending, as compact columns: the way to read long ranges. */
    public CandleColumns readColumns(SeriesKey key, TimeRange range) {
        CandleColumns out = new CandleColumns(key, 1024);
        long step = key.timeframe().millis();
        forEachBlock(key, range, (block, data) -> CandleBlocks.decodeInto(data, step, block, range.from(), range.to(), out));
        return out;
    }

    /** Open times of a series in [from, to), ascending: what gap and inventory checks need. */
    public long[] openTimes(SeriesKey key, TimeRange range) {
        long[][] holder = {new long[1024]};
        int[] n = {0};
        forEachBlock(key, range, (block, data) -> {
            if (holder[0].length - n[0] < CandleBlocks.SLOTS) {
                holder[0] = Arrays.copyOf(holder[0], holder[0].length * 2 + CandleBlocks.SLOTS);
            }
            n[0] = CandleBlocks.openTimes(data, key.timeframe().millis(), block, holder[0], n[0]);
        });
        return Arrays.stream(holder[0], 0, n[0]).filter(t -> t >= range.from() && t < range.to()).toArray();
    }

    private interface BlockSink {
        void accept(long blockStart, byte[] data);
    }

    private void forEachBlock(SeriesKey key, TimeRange range, BlockSink sink) {
        Integer id = existingId(key);
        if (id == null || range.isEmpty()) {
            return;
        }
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT block_start, data FROM candle_block"
                     + " WHERE series_id = ? AND block_start >= ? AND block_start < ? ORDER BY block_start")) {
            q.setInt(1, id);
            q.setLong(2, CandleBlocks.blockStart(key.timeframe(), range.from()));
            q.setLong(3, range.to());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    sink.accept(r.getLong(1), r.getBytes(2));
                }
            }
        } catch (SQLException e) {
            throw new EngineException("cannot read candles of " + key + ": " + e.getMessage(), e);
        }
    }

    /** Count, first and last open time of a series (count 0: nothing stored). */
    public record Extent(long count, long first, long last) {}

    public Extent extent(SeriesKey key) {
        Integer id = existingId(key);
        if (id == null) {
            return new Extent(0, 0, 0);
        }
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT COALESCE(SUM(candle_count), 0), MIN(first_open),"
                     + " MAX(last_open) FROM candle_block WHERE series_id = ?")) {
            q.setInt(1, id);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return new Extent(r.getLong(1), r.getLong(2), r.getLong(3));
            }
        } catch (SQLException e) {
            throw new EngineException("cannot count candles of " + key + ": " + e.getMessage(), e);
        }
    }

    /** Bytes the series' candles take in the database (encoded blocks, without index overhead). */
    public long storageBytes(SeriesKey key) {
        Integer id = existingId(key);
        if (id == null) {
            return 0;
        }
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT COALESCE(SUM(OCTET_LENGTH(data) + 40), 0) FROM candle_block WHERE series_id = ?")) {
            q.setInt(1, id);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new EngineException("cannot measure candles of " + key + ": " + e.getMessage(), e);
        }
    }

    public Inventory inventory(SeriesKey key) {
        return Inventory.of(key, openTimes(key, new TimeRange(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)), coverage(key),
                storageBytes(key));
    }

    /** The ranges the exchange has answered for, merged and ascending. */
    public List<TimeRange> coverage(SeriesKey key) {
        Integer id = existingId(key);
        if (id == null) {
            return List.of();
        }
        List<TimeRange> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT from_time, to_time FROM candle_coverage WHERE series_id = ? ORDER BY from_time")) {
            q.setInt(1, id);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(new TimeRange(r.getLong(1), r.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw new EngineException("cannot read coverage of " + key + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Every series that has a row, in name order. */
    public List<SeriesKey> series() {
        List<SeriesKey> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT exchange, symbol, timeframe FROM candle_series ORDER BY exchange, symbol, timeframe");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                out.add(new SeriesKey(r.getString(1), r.getString(2), Timeframe.parse(r.getString(3))));
            }
        } catch (SQLException e) {
            throw new EngineException("cannot list candle series: " + e.getMessage(), e);
        }
        return out;
    }

    /** Number of candles stored in all series. */
    public long totalCandles() {
        try (Connection c = db.connection();
             ResultSet r = c.createStatement().executeQuery("SELECT COALESCE(SUM(candle_count), 0) FROM candle_block")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new EngineException("cannot count candles: " + e.getMessage(), e);
        }
    }

    private Integer existingId(SeriesKey key) {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT id FROM candle_series WHERE exchange = ? AND symbol = ? AND timeframe = ?")) {
            q.setString(1, key.exchange());
            q.setString(2, key.symbol());
            q.setString(3, key.timeframe().label());
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    ids.put(key, r.getInt(1));
                    return r.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new EngineException("cannot look up candle series " + key + ": " + e.getMessage(), e);
        }
        return null;
    }

    private int seriesId(SeriesKey key) {
        synchronized (writeLock) {
            Integer id = existingId(key);
            if (id != null) {
                return id;
            }
            try (Connection c = db.connection();
                 PreparedStatement i = c.prepareStatement(
                         "INSERT INTO candle_series (exchange, symbol, timeframe) VALUES (?, ?, ?)")) {
                i.setString(1, key.exchange());
                i.setString(2, key.symbol());
                i.setString(3, key.timeframe().label());
                i.executeUpdate();
            } catch (SQLException e) {
                throw new EngineException("cannot create candle series " + key + ": " + e.getMessage(), e);
            }
            return existingId(key);
        }
    }
}
