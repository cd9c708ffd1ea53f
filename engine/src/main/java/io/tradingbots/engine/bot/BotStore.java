package io.tradingbots.engine.bot;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.db.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Stores bots' fills, equity curves and latest cash/position in the engine database. */
public final class BotStore {

    /** One paper fill and the bot's cash and position right after it. */
    public record Fill(String botId, String side, long marketTime, BigDecimal price, BigDecimal quantity, BigDecimal fee,
                       BigDecimal cashAfter, BigDecimal positionAfter, String reason, long tradeCount) {}

    public record SavedState(BigDecimal cash, BigDecimal position, long tradeCount) {}

    private final Database db;

    public BotStore(Database db) {
        this.db = db;
    }

    /** The bot's state as of its last stored fill, or null for a bot that never traded. */
    public SavedState load(String botId) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT cash, position, trade_count FROM bot_state WHERE bot_id = ?")) {
            s.setString(1, botId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new SavedState(r.getBigDecimal(1), r.getBigDecimal(2), r.getLong(3)) : null;
            }
        } catch (SQLException e) {
            throw new EngineException("cannot read the state of bot " + botId + ": " + e.getMessage(), e);
        }
    }

    /** Writes the fill and the bot's new state in one transaction. */
    public void saveFill(Fill f) {
        long now = System.currentTimeMillis();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement t = c.prepareStatement("INSERT INTO bot_trade (bot_id, side, market_time, price, quantity, fee,"
                    + " cash_after, position_after, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement s = c.prepareStatement("MERGE INTO bot_state USING (VALUES (?, ?, ?, ?, ?))"
                         + " AS v (bot_id, cash, position, trade_count, updated_at) ON bot_state.bot_id = v.bot_id"
                         + " WHEN MATCHED THEN UPDATE SET cash = v.cash, position = v.position, trade_count = v.trade_count,"
                         + " updated_at = v.updated_at"
                         + " WHEN NOT MATCHED THEN INSERT VALUES v.bot_id, v.cash, v.position, v.trade_count, v.updated_at")) {
                t.setString(1, f.botId());
                t.setString(2, f.side());
                t.setLong(3, f.marketTime());
                t.setBigDecimal(4, f.price());
                t.setBigDecimal(5, f.quantity());
                t.setBigDecimal(6, f.fee());
                t.setBigDecimal(7, f.cashAfter());
                t.setBigDecimal(8, f.positionAfter());
                t.setString(9, f.reason());
                t.setLong(10, now);
                t.executeUpdate();
                s.setString(1, f.botId());
                s.setBigDecimal(2, f.cashAfter());
                s.setBigDecimal(3, f.positionAfter());
                s.setLong(4, f.tradeCount());
                s.setLong(5, now);
                s.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EngineException("cannot store a fill of bot " + f.botId() + ": " + e.getMessage(), e);
        }
    }

    public void saveEquity(String botId, long marketTime, BigDecimal price, BigDecimal cash, BigDecimal position, BigDecimal equity) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO bot_equity (bot_id, market_time, price, cash, position, equity)"
                     + " VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, botId);
            s.setLong(2, marketTime);
            s.setBigDecimal(3, price);
            s.setBigDecimal(4, cash);
            s.setBigDecimal(5, position);
            s.setBigDecimal(6, equity);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new EngineException("cannot store the equity of bot " + botId + ": " + e.getMessage(), e);
        }
    }
}
