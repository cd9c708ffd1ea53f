package io.tradingbots.engine.order;

import java.math.BigDecimal;

/**
 * One row of the order journal. Which fields are set depends on {@link Kind} (see
 * {@code V3__order_journal.sql}); {@code seq} is 0 until the journal has written the event.
 */
public record JournalEvent(long seq, String botId, Kind kind, String clientOrderId, long orderNo, String symbol,
                           Side side, OrderType type, BigDecimal quantity, BigDecimal price, String exchangeOrderId,
                           String tradeId, BigDecimal fee, String asset, BigDecimal amount, String reason,
                           long eventTime) {

    public enum Kind {
        /** Capital given to (or taken from) a bot: {@code asset}, {@code amount}. */
        FUNDS,
        INTENT, SUBMITTED, ACKNOWLEDGED, FILL, CANCELLED, REJECTED,
        /** The bot stops trading until an operator resumes it: {@code reason} is the alert. */
        HALTED, RESUMED
    }

    public static JournalEvent funds(String botId, String asset, BigDecimal amount, String reason, long time) {
        return new JournalEvent(0, botId, Kind.FUNDS, null, 0, null, null, null, null, null, null, null, null, asset,
                amount, reason, time);
    }

    public static JournalEvent intent(String clientOrderId, long orderNo, OrderRequest r, long time) {
        return new JournalEvent(0, r.botId(), Kind.INTENT, clientOrderId, orderNo, r.symbol(), r.side(), r.type(),
                r.quantity(), r.limitPrice(), null, null, null, null, null, r.reason(), time);
    }

    public static JournalEvent submitted(String botId, String clientOrderId, long time) {
        return state(botId, Kind.SUBMITTED, clientOrderId, null, time);
    }

    public static JournalEvent acknowledged(String botId, String clientOrderId, String exchangeOrderId, long time) {
        return new JournalEvent(0, botId, Kind.ACKNOWLEDGED, clientOrderId, 0, null, null, null, null, null,
                exchangeOrderId, null, null, null, null, null, time);
    }

    public static JournalEvent fill(String botId, Fill f) {
        return new JournalEvent(0, botId, Kind.FILL, f.clientOrderId(), 0, null, null, null, f.quantity(), f.price(), null,
                f.tradeId(), f.fee(), f.feeAsset(), null, null, f.time());
    }

    public static JournalEvent cancelled(String botId, String clientOrderId, String reason, long time) {
        return state(botId, Kind.CANCELLED, clientOrderId, reason, time);
    }

    public static JournalEvent rejected(String botId, String clientOrderId, String reason, long time) {
        return state(botId, Kind.REJECTED, clientOrderId, reason, time);
    }

    public static JournalEvent halted(String botId, String reason, long time) {
        return state(botId, Kind.HALTED, null, reason, time);
    }

    public static JournalEvent resumed(String botId, String reason, long time) {
        return state(botId, Kind.RESUMED, null, reason, time);
    }

    private static JournalEvent state(String botId, Kind kind, String clientOrderId, String reason, long time) {
        return new JournalEvent(0, botId, kind, clientOrderId, 0, null, null, null, null, null, null, null, null, null,
                null, reason, time);
    }

    JournalEvent withSeq(long s) {
        return new JournalEvent(s, botId, kind, clientOrderId, orderNo, symbol, side, type, quantity, price,
                exchangeOrderId, tradeId, fee, asset, amount, reason, eventTime);
    }

    Fill asFill() {
        return new Fill(clientOrderId, tradeId, price, quantity, fee, asset, eventTime);
    }
}
