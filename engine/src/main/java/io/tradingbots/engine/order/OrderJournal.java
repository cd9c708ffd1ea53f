package io.tradingbots.engine.order;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.db.Database;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The order journal in the engine database ({@code order_event}, append-only). {@link #append}
 * returns only after its events are committed (the database writes every commit to disk before
 * returning), so the caller may act on them: a crash after {@code append} loses nothing, a crash
 * before it leaves no trace. One connection, used under this object's lock.
 */
public final class OrderJournal implements AutoCloseable {

    private static final int REASON_MAX = 500;
    private static final String COLUMNS = "bot_id, kind, client_order_id, order_no, symbol, side, order_type, quantity,"
            + " price, exchange_order_id, trade_id, fee, asset, amount, reason, event_time";

    private final Connection connection;
    private final PreparedStatement insert;
    private final String tag;
    /** Inside {@link #inOneTransaction}: appends do not commit; {@code failed} once one of them could not be written. */
    private int batchDepth;
    private boolean batchFailed;

    private OrderJournal(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.tag = loadOrCreateTag();
        this.insert = connection.prepareStatement("INSERT INTO order_event (" + COLUMNS + ", recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
    }

    public static OrderJournal open(Database db) {
        try {
            return new OrderJournal(db.connection());
        } catch (SQLException e) {
            throw new EngineException("cannot open the order journal in " + db.description() + ": " + e.getMessage(), e);
        }
    }

    /** This journal's tag, part of every client order id it hands out. */
    public String tag() {
        return tag;
    }

    private String loadOrCreateTag() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT tag FROM order_journal_meta WHERE id = 1")) {
            if (r.next()) {
                return r.getString(1);
            }
        }
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.append(Character.forDigit(random.nextInt(36), 36));
        }
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO order_journal_meta (id, tag, created_at) VALUES (1, ?, ?)")) {
            p.setString(1, b.toString());
            p.setLong(2, System.currentTimeMillis());
            p.executeUpdate();
            connection.commit();
        }
        return b.toString();
    }

    /** Writes the events in one transaction and returns them with their sequence numbers. */
    public synchronized List<JournalEvent> append(List<JournalEvent> events) {
        long now = System.currentTimeMillis();
        List<JournalEvent> written = new ArrayList<>(events.size());
        try {
            for (JournalEvent e : events) {
                bind(e, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    written.add(e.withSeq(keys.getLong(1)));
                }
            }
            if (batchDepth == 0) {
                connection.commit();
            }
            return written;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            batchFailed = batchDepth > 0;
            String bot = events.isEmpty() ? "?" : events.get(0).botId();
            throw new EngineException("cannot write to the order journal for bot " + bot + " (nothing was written"
                    + (batchDepth > 0 ? " of the whole transaction" : "") + "): " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} with every {@link #append} it makes committed together at its end: after a
     * crash all of them exist or none does (two orders on two venues that hedge each other, say).
     * When {@code work} throws, or a write fails, nothing of it is written and the exception is
     * passed on; whoever applied the appended events in memory must then re-read the journal.
     * Holds this journal's lock meanwhile, so nobody else's append or read slips in between.
     */
    public synchronized void inOneTransaction(Runnable work) {
        if (batchDepth > 0) {
            work.run(); // already inside one
            return;
        }
        batchDepth = 1;
        batchFailed = false;
        try {
            work.run();
            if (batchFailed) {
                throw new EngineException("an order journal write failed inside a transaction: nothing of it was written");
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new EngineException("cannot commit to the order journal (nothing of the transaction was written): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        } finally {
            batchDepth = 0;
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    public List<JournalEvent> append(JournalEvent... events) {
        return append(List.of(events));
    }

    private void bind(JournalEvent e, long now) throws SQLException {
        insert.setString(1, e.botId());
        insert.setString(2, e.kind().name());
        insert.setString(3, e.clientOrderId());
        if (e.orderNo() > 0) {
            insert.setLong(4, e.orderNo());
        } else {
            insert.setNull(4, Types.BIGINT);
        }
        insert.setString(5, e.symbol());
        insert.setString(6, e.side() == null ? null : e.side().name());
        insert.setString(7, e.type() == null ? null : e.type().name());
        insert.setBigDecimal(8, e.quantity());
        insert.setBigDecimal(9, e.price());
        insert.setString(10, e.exchangeOrderId());
        insert.setString(11, e.tradeId());
        insert.setBigDecimal(12, e.fee());
        insert.setString(13, e.asset());
        insert.setBigDecimal(14, e.amount());
        String reason = e.reason();
        insert.setString(15, reason != null && reason.length() > REASON_MAX ? reason.substring(0, REASON_MAX) : reason);
        insert.setLong(16, e.eventTime());
        insert.setLong(17, now);
    }

    /** Every event, in the order it was written. */
    public synchronized List<JournalEvent> readAll() {
        return read("SELECT seq, " + COLUMNS + " FROM order_event ORDER BY seq", null);
    }

    /** One bot's events, in the order they were written. */
    public synchronized List<JournalEvent> read(String botId) {
        return read("SELECT seq, " + COLUMNS + " FROM order_event WHERE bot_id = ? ORDER BY seq", botId);
    }

    private List<JournalEvent> read(String sql, String botId) {
        List<JournalEvent> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            if (botId != null) {
                p.setString(1, botId);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String side = r.getString(7);
                    String type = r.getString(8);
                    out.add(new JournalEvent(r.getLong(1), r.getString(2), JournalEvent.Kind.valueOf(r.getString(3)),
                            r.getString(4), r.getLong(5), r.getString(6), side == null ? null : Side.valueOf(side),
                            type == null ? null : OrderType.valueOf(type), strip(r.getBigDecimal(9)), strip(r.getBigDecimal(10)),
                            r.getString(11), r.getString(12), strip(r.getBigDecimal(13)), r.getString(14),
                            strip(r.getBigDecimal(15)), r.getString(16), r.getLong(17)));
                }
            }
            if (batchDepth == 0) {
                connection.commit();
            }
            return out;
        } catch (SQLException e) {
            throw new EngineException("cannot read the order journal" + (botId == null ? "" : " of bot " + botId) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Decimals come back at the column's scale (18): give them their natural scale again. */
    private static BigDecimal strip(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    @Override
    public synchronized void close() {
        try {
            insert.close();
            connection.close();
        } catch (SQLException e) {
            // closing: nothing uncommitted is held, so there is nothing to lose
        }
    }
}
