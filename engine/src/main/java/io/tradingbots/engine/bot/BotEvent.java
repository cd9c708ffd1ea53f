package io.tradingbots.engine.bot;

import java.math.BigDecimal;

/**
 * Something a bot did or that happened to it, for {@code WatchBotEvents}: a signal at a close,
 * an order (sent, refused by risk or the venue), a fill, an error, a status change.
 * {@code clientOrderId}, {@code side}, {@code quantity} and {@code price} are set for orders and fills.
 */
public record BotEvent(long time, String botId, Kind kind, String text, String clientOrderId, String side,
                       BigDecimal quantity, BigDecimal price) {

    public enum Kind { SIGNAL, ORDER, FILL, ERROR, STATUS }

    /** A plain event with text only (for the API's own notices). */
    public static BotEvent of0(long time, String botId, Kind kind, String text) {
        return of(time, botId, kind, text);
    }

    static BotEvent of(long time, String botId, Kind kind, String text) {
        return new BotEvent(time, botId, kind, text, null, null, null, null);
    }
}
