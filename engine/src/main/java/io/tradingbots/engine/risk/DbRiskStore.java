package io.tradingbots.engine.risk;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.db.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link RiskStore} in the engine's database (tables from {@code V5__risk.sql} and {@code V7__risk_bot_peak.sql}). */
public final class DbRiskStore implements RiskStore {

    private final Database db;

    public DbRiskStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<RiskLimits> loadLimits() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT daily_loss_pct, entry_buffer_pct, bot_drawdown_pct, coin_exposure_pct,"
                     + " total_exposure_pct, max_order_notional, max_orders_per_minute, min_order_notional FROM risk_limits WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(new RiskLimits(r.getBigDecimal(1), r.getBigDecimal(2), r.getBigDecimal(3), r.getBigDecimal(4),
                    r.getBigDecimal(5), r.getBigDecimal(6), r.getInt(7), r.getBigDecimal(8)));
        } catch (SQLException e) {
            throw failed("read the risk limits", e);
        }
    }

    @Override
    public void saveLimits(RiskLimits l, List<LimitChange> changes) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM risk_limits WHERE id = 1");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO risk_limits (id, daily_loss_pct, entry_buffer_pct, bot_drawdown_pct,"
                         + " coin_exposure_pct, total_exposure_pct, max_order_notional, max_orders_per_minute, min_order_notional)"
                         + " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement audit = c.prepareStatement("INSERT INTO risk_limit_change (changed_at, changed_by, limit_name,"
                         + " old_value, new_value) VALUES (?, ?, ?, ?, ?)")) {
                del.executeUpdate();
                ins.setBigDecimal(1, l.dailyLossPercent());
                ins.setBigDecimal(2, l.entryBufferPercent());
                ins.setBigDecimal(3, l.botDrawdownPercent());
                ins.setBigDecimal(4, l.coinExposurePercent());
                ins.setBigDecimal(5, l.totalExposurePercent());
                ins.setBigDecimal(6, l.maxOrderNotional());
                ins.setInt(7, l.maxOrdersPerMinute());
                ins.setBigDecimal(8, l.minOrderNotional());
                ins.executeUpdate();
                for (LimitChange ch : changes) {
                    audit.setLong(1, ch.at().toEpochMilli());
                    audit.setString(2, clip(ch.by(), 200));
                    audit.setString(3, ch.limit());
                    audit.setString(4, ch.oldValue());
                    audit.setString(5, ch.newValue());
                    audit.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("store the risk limits", e);
        }
    }

    @Override
    public List<LimitChange> limitChanges(int max) {
        List<LimitChange> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT changed_at, changed_by, limit_name, old_value, new_value"
                     + " FROM risk_limit_change ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, max);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new LimitChange(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the limit changes", e);
        }
    }

    @Override
    public Optional<HaltState> loadHalt() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT kind, reason, halted_by, halted_at, utc_day FROM risk_halt WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(new HaltState(HaltState.Kind.valueOf(r.getString(1)), r.getString(2), r.getString(3),
                    Instant.ofEpochMilli(r.getLong(4)), LocalDate.parse(r.getString(5))));
        } catch (SQLException e) {
            throw failed("read the halt state", e);
        }
    }

    @Override
    public void saveHalt(HaltState h, RiskEvent event) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM risk_halt WHERE id = 1");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO risk_halt (id, kind, reason, halted_by, halted_at, utc_day)"
                         + " VALUES (1, ?, ?, ?, ?, ?)");
                 PreparedStatement ev = c.prepareStatement("INSERT INTO risk_event (event_at, action, actor, reason) VALUES (?, ?, ?, ?)")) {
                del.executeUpdate();
                if (h != null) {
                    ins.setString(1, h.kind().name());
                    ins.setString(2, clip(h.reason(), 500));
                    ins.setString(3, clip(h.by(), 200));
                    ins.setLong(4, h.since().toEpochMilli());
                    ins.setString(5, h.day().toString());
                    ins.executeUpdate();
                }
                ev.setLong(1, event.at().toEpochMilli());
                ev.setString(2, event.action());
                ev.setString(3, clip(event.by(), 200));
                ev.setString(4, clip(event.reason(), 500));
                ev.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("store the halt state", e);
        }
    }

    @Override
    public List<RiskEvent> events(int max) {
        List<RiskEvent> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT event_at, action, actor, reason FROM risk_event ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, max);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RiskEvent(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the risk events", e);
        }
    }

    @Override
    public Optional<Day> loadDay(LocalDate day) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT start_equity, limit_reached FROM risk_day WHERE utc_day = ?")) {
            s.setString(1, day.toString());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Day(day, r.getBigDecimal(1), r.getBoolean(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read the day's starting equity", e);
        }
    }

    @Override
    public void saveDay(Day d) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("MERGE INTO risk_day t USING (VALUES(CAST(? AS VARCHAR(10)),"
                     + " CAST(? AS DECIMAL(38, 12)), CAST(? AS BOOLEAN))) AS v(utc_day, start_equity, limit_reached) ON t.utc_day = v.utc_day"
                     + " WHEN MATCHED THEN UPDATE SET t.start_equity = v.start_equity, t.limit_reached = v.limit_reached"
                     + " WHEN NOT MATCHED THEN INSERT (utc_day, start_equity, limit_reached) VALUES (v.utc_day, v.start_equity, v.limit_reached)")) {
            s.setString(1, d.day().toString());
            s.setBigDecimal(2, d.startEquity());
            s.setBoolean(3, d.limitReached());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("store the day's starting equity", e);
        }
    }

    @Override
    public Map<String, BigDecimal> loadBotPeaks() {
        Map<String, BigDecimal> out = new HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT bot_id, peak_equity FROM risk_bot_peak");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), r.getBigDecimal(2));
            }
            return out;
        } catch (SQLException e) {
            throw failed("read the bots' highest equity", e);
        }
    }

    @Override
    public void saveBotPeak(String botId, BigDecimal peak, long at) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("MERGE INTO risk_bot_peak t USING (VALUES(CAST(? AS VARCHAR(64)),"
                     + " CAST(? AS DECIMAL(38, 18)), CAST(? AS BIGINT))) AS v(bot_id, peak_equity, updated_at) ON t.bot_id = v.bot_id"
                     + " WHEN MATCHED THEN UPDATE SET t.peak_equity = v.peak_equity, t.updated_at = v.updated_at"
                     + " WHEN NOT MATCHED THEN INSERT (bot_id, peak_equity, updated_at) VALUES (v.bot_id, v.peak_equity, v.updated_at)")) {
            s.setString(1, botId);
            s.setBigDecimal(2, peak);
            s.setLong(3, at);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("store bot " + botId + "'s highest equity", e);
        }
    }

    private static String clip(String s, int max) {
        return s == null ? "" : s.length() > max ? s.substring(0, max) : s;
    }

    private static EngineException failed(String what, SQLException e) {
        return new EngineException("cannot " + what + " in the database: " + e.getMessage(), e);
    }
}
