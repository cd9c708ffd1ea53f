package io.tradingbots.engine.history;

import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes sorted candles into their blocks, insert-or-ignore, inside the caller's transaction. */
final class CandleBlockWriter {

    private CandleBlockWriter() {}

    static boolean isSorted(List<Candle> candles) {
        for (int i = 1; i < candles.size(); i++) {
            if (candles.get(i).openTime() < candles.get(i - 1).openTime()) {
                return false;
            }
        }
        return true;
    }

    static CandleStore.WriteResult insertBatch(Connection c, int id, SeriesKey key, List<Candle> batch) throws SQLException {
        if (batch.isEmpty()) {
            return new CandleStore.WriteResult(0, 0);
        }
        Timeframe tf = key.timeframe();
        List<Candle> sorted = batch; // store() sorted them
        for (Candle k : sorted) {
            if (!k.symbol().equals(key.symbol()) || k.timeframe() != tf) {
                throw new IllegalArgumentException("candle " + k.symbol() + " " + k.timeframe() + " given for series " + key);
            }
        }
        long firstBlock = CandleBlocks.blockStart(tf, sorted.get(0).openTime());
        long lastBlock = CandleBlocks.blockStart(tf, sorted.get(sorted.size() - 1).openTime());
        Map<Long, byte[]> existing = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT block_start, data FROM candle_block WHERE series_id = ? AND block_start BETWEEN ? AND ?")) {
            q.setInt(1, id);
            q.setLong(2, firstBlock);
            q.setLong(3, lastBlock);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    existing.put(r.getLong(1), r.getBytes(2));
                }
            }
        }
        long stored = 0;
        long duplicates = 0;
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO candle_block"
                + " (series_id, block_start, candle_count, first_open, last_open, data) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement upd = c.prepareStatement("UPDATE candle_block SET candle_count = ?, first_open = ?,"
                     + " last_open = ?, data = ? WHERE series_id = ? AND block_start = ?")) {
            boolean anyIns = false;
            boolean anyUpd = false;
            int i = 0;
            while (i < sorted.size()) {
                long block = CandleBlocks.blockStart(tf, sorted.get(i).openTime());
                long blockEnd = block + CandleBlocks.blockMillis(tf);
                byte[] old = existing.get(block);
                List<Candle> list;
                long added = 0;
                if (old == null) {
                    // a new block: the sorted input only needs its repeated open times dropped
                    list = new ArrayList<>(Math.min(CandleBlocks.SLOTS, sorted.size() - i));
                    for (; i < sorted.size() && sorted.get(i).openTime() < blockEnd; i++) {
                        Candle k = sorted.get(i);
                        if (!list.isEmpty() && list.get(list.size() - 1).openTime() == k.openTime()) {
                            duplicates++;
                        } else {
                            list.add(k);
                            added++;
                        }
                    }
                } else {
                    TreeMap<Long, Candle> merged = new TreeMap<>();
                    CandleBlocks.decode(old, key, block, Long.MIN_VALUE, Long.MAX_VALUE, k -> merged.put(k.openTime(), k));
                    for (; i < sorted.size() && sorted.get(i).openTime() < blockEnd; i++) {
                        Candle k = sorted.get(i);
                        if (merged.putIfAbsent(k.openTime(), k) == null) {
                            added++;
                        } else {
                            duplicates++;
                        }
                    }
                    list = new ArrayList<>(merged.values());
                }
                if (added == 0) {
                    continue;
                }
                stored += added;
                byte[] data = CandleBlocks.encode(list, block);
                long first = list.get(0).openTime();
                long last = list.get(list.size() - 1).openTime();
                if (old == null) {
                    ins.setInt(1, id);
                    ins.setLong(2, block);
                    ins.setInt(3, list.size());
                    ins.setLong(4, first);
                    ins.setLong(5, last);
                    ins.setBytes(6, data);
                    ins.addBatch();
                    anyIns = true;
                } else {
                    upd.setInt(1, list.size());
                    upd.setLong(2, first);
                    upd.setLong(3, last);
                    upd.setBytes(4, data);
                    upd.setInt(5, id);
                    upd.setLong(6, block);
                    upd.addBatch();
                    anyUpd = true;
                }
            }
            if (anyIns) {
                ins.executeBatch();
            }
            if (anyUpd) {
                upd.executeBatch();
            }
        }
        return new CandleStore.WriteResult(stored, duplicates);
    }
}
