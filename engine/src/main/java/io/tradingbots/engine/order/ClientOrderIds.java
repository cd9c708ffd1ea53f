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
 *
 * <p><b>Leg books.</b> A bot that trades on a second venue (paper arbitrage) books that venue's
 * orders under a derived book id, {@code <bot>~2} ({@link #legBook}); its client order ids carry
 * {@code <bot part>.2}, a form no plain bot id can produce (bot ids have no dot), so the two books'
 * ids never collide. Such an id has 2 more characters, so a leg book fits 36 characters up to its
 * order number 36^12 - 1 (12 base-36 digits; a bot's own book, 13: any long).
 */
public final class ClientOrderIds {

    public static final int MAX_LENGTH = 36;
    private static final Pattern BINANCE_RULE = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9]{4,6}$");
    private static final int BOT_PART = 12;
    private static final char LEG = '~';
    private static final Pattern LEG_NUMBER = Pattern.compile("^[2-9]$");

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

    /** The book of the bot's orders on its {@code leg}-th venue (2-9): {@code <bot>~<leg>}. */
    public static String legBook(String botId, int leg) {
        if (leg < 2 || leg > 9) {
            throw new IllegalArgumentException("a leg book is for venue 2 to 9, got " + leg);
        }
        if (isLegBook(botId)) {
            throw new IllegalArgumentException(botId + " is a leg book already");
        }
        return botId + LEG + leg;
    }

    /** True for a derived book id such as {@code arbitrage~2}. */
    public static boolean isLegBook(String bookId) {
        return bookId != null && bookId.indexOf(LEG) >= 0;
    }

    /** The bot a book belongs to: itself, or the bot a leg book was derived from. */
    public static String ownerOf(String bookId) {
        int i = bookId.indexOf(LEG);
        return i < 0 ? bookId : bookId.substring(0, i);
    }

    /** The bot id as it appears inside client order ids ({@code <part>.<leg>} for a leg book). */
    static String botPart(String botId) {
        int leg = botId.indexOf(LEG);
        if (leg >= 0) {
            String n = botId.substring(leg + 1);
            if (!LEG_NUMBER.matcher(n).matches()) {
                throw new IllegalArgumentException("leg book " + botId + " must end in ~2 to ~9");
            }
            return botPart(botId.substring(0, leg)) + "." + n;
        }
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
