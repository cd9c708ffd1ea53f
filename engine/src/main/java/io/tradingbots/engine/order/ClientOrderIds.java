package io.tradingbots.engine.order;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Our own client order ids, sent as Binance's {@code newClientOrderId}: {@code tb<tag>-<bot>-<n>},
 * where {@code tag} is the journal's random tag (4-6 chars), {@code bot} the bot id reduced to
 * Binance's allowed characters (at most 12) and {@code n} the bot's order number in base 36.
 * Deterministic (the same journal, bot and number give the same id, so a retry or a restart sends
 * the id it wrote down), unique within a journal, at most 36 characters, and matching Binance's
 * rule {@code ^[.A-Z:/a-z0-9_-]{1,36}$}.
 */
public final class ClientOrderIds {

    public static final int MAX_LENGTH = 36;
    private static final Pattern BINANCE_RULE = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9]{4,6}$");
    private static final int BOT_PART = 12;

    private ClientOrderIds() {}

    public static String make(String journalTag, String botId, long orderNo) {
        if (!TAG.matcher(journalTag).matches()) {
            throw new IllegalArgumentException("journal tag must be 4-6 lower-case letters or digits, got '" + journalTag + "'");
        }
        if (orderNo < 1) {
            throw new IllegalArgumentException("order number must be positive, got " + orderNo);
        }
        String id = "tb" + journalTag + "-" + botPart(botId) + "-" + Long.toString(orderNo, 36);
        if (!isValid(id)) {
            throw new IllegalStateException("client order id " + id + " breaks Binance's rule");
        }
        return id;
    }

    /** The bot id as it appears inside client order ids. */
    static String botPart(String botId) {
        String cleaned = botId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("bot id must not be empty");
        }
        return cleaned.length() <= BOT_PART ? cleaned : cleaned.substring(0, BOT_PART);
    }

    public static boolean isValid(String clientOrderId) {
        return clientOrderId != null && BINANCE_RULE.matcher(clientOrderId).matches();
    }

    /** True for an id made by this journal (any bot): {@code tb<tag>-...}. */
    public static boolean isOurs(String journalTag, String clientOrderId) {
        return clientOrderId != null && clientOrderId.startsWith("tb" + journalTag + "-");
    }
}
