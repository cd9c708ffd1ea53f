package io.tradingbots.engine.bot;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.db.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Each bot's equity at the close of every candle it decided on ({@code V6__bot_equity_curve.sql}).
 * Points are buffered and written in one transaction every {@value #BATCH} points or
 * {@value #FLUSH_MS} ms: the curve is for charts and exports, and a crash loses at most the last
 * second of it, never money (cash and positions live in the order journal). A point at or before
 * the bot's latest stored one is skipped, so a replay run again never writes a time twice.
 */
public final class EquityCurve implements AutoCloseable {

    static final int BATCH = 500;
    static final long FLUSH_MS = 1_000;

    public record Point(String botId, long time, BigDecimal price, BigDecimal cash, BigDecimal position, BigDecimal equity) {}

    private final Database db;
    private final List<Point> pending = new ArrayList<>();
    private long lastFlush = System.currentTimeMillis();

    /** Per bot, the latest point already stored: a replay run again adds only what is after it. */
    private final java.util.Map<String, Long> stored = new java.util.HashMap<>();

    public EquityCurve(Database db) {
        this.db = db;
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT bot_id, MAX(market_time) FROM bot_equity_point GROUP BY bot_id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                stored.put(r.getString(1), r.getLong(2));
            }
        } catch (SQLException e) {
            throw new EngineException("cannot read the equity curve: " + e.getMessage(), e);
        }
    }

    public synchronized void add(Point p) {
        Long last = stored.get(p.botId());
        if (last != null && p.time() <= last) {
            return;
        }
        stored.put(p.botId(), p.time());
        pending.add(p);
        if (pending.size() >= BATCH || System.currentTimeMillis() - lastFlush >= FLUSH_MS) {
            flush();
        }
    }

    public synchronized void flush() {
        lastFlush = System.currentTimeMillis();
        if (pending.isEmpty()) {
            return;
        }
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO bot_equity_point (bot_id, market_time, price, cash, position, equity)"
                     + " VALUES (?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (Point p : pending) {
                s.setString(1, p.botId());
                s.setLong(2, p.time());
                s.setBigDecimal(3, p.price());
                s.setBigDecimal(4, p.cash());
                s.setBigDecimal(5, p.position());
                s.setBigDecimal(6, p.equity());
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
            pending.clear();
        } catch (SQLException e) {
            pending.clear(); // a chart point is not worth stopping the bots for; the log says it
            throw new EngineException("cannot write the equity curve: " + e.getMessage(), e);
        }
    }

    /** The bot's points in time order, to {@code sink}. */
    public void read(String botId, Consumer<Point> sink) {
        flush();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT market_time, price, cash, position, equity FROM bot_equity_point"
                     + " WHERE bot_id = ? ORDER BY market_time")) {
            s.setString(1, botId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sink.accept(new Point(botId, r.getLong(1), r.getBigDecimal(2).stripTrailingZeros(),
                            r.getBigDecimal(3).stripTrailingZeros(), r.getBigDecimal(4).stripTrailingZeros(),
                            r.getBigDecimal(5).stripTrailingZeros()));
                }
            }
        } catch (SQLException e) {
            throw new EngineException("cannot read the equity curve of bot " + botId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (EngineException e) {
            // closing: already said in the log by the caller
        }
    }
}
