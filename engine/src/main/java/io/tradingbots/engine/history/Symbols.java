package io.tradingbots.engine.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parsing of the symbols and times the history commands take. */
public final class Symbols {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,12}/[A-Z0-9]{2,12}");

    private Symbols() {}

    /** {@code BTC/USD}: base and quote in capitals, as the engine names markets. */
    public static String symbol(String text) {
        String s = text == null ? "" : text.trim();
        if (!SYMBOL.matcher(s).matches()) {
            throw new IllegalArgumentException("symbol '" + text + "' is not BASE/QUOTE in capitals, e.g. BTC/USD");
        }
        return s;
    }

    /** The exchange's name for a symbol: BTC/USD → BTCUSD. */
    public static String exchangeSymbol(String symbol) {
        return symbol.replace("/", "");
    }

    /** A date (2019-01-01, midnight UTC), an instant (2019-01-01T12:00:00Z) or ms since the epoch. */
    public static long time(String option, String text) {
        String s = text.trim();
        try {
            if (s.matches("\\d{9,}")) {
                return Long.parseLong(s);
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "': use a date (2019-01-01), an instant"
                    + " (2019-01-01T12:00:00Z) or ms since the epoch");
        }
    }
}
