package io.tradingbots.desktop.support;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns the API's decimal strings and timestamps into text for people. Every method accepts
 * empty or malformed input and shows {@link #MISSING} for it rather than failing a whole update.
 */
public final class Formats {

    /** Shown for a value the engine did not send. */
    public static final String MISSING = "—";

    private static final int QUANTITY_DECIMALS = 8;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US);
    private static final DateTimeFormatter UTC_MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.US).withZone(java.time.ZoneOffset.UTC);

    private Formats() {}

    /** "1234.5" → "$1,234.50", "-3" → "-$3.00". */
    public static String money(String decimal) {
        BigDecimal value = parse(decimal);
        return value == null ? MISSING : signPrefix(value, false) + "$" + twoDecimals(value.abs());
    }

    /** Like {@link #money} with an explicit '+' for gains: "+$12.30", "-$5.00", "$0.00". */
    public static String signedMoney(String decimal) {
        BigDecimal value = parse(decimal);
        return value == null ? MISSING : signPrefix(value, true) + "$" + twoDecimals(value.abs());
    }

    /** A price: cents from one unit up, otherwise up to 8 decimals ("$0.00012345"). */
    public static String price(String decimal) {
        BigDecimal value = parse(decimal);
        if (value == null) {
            return MISSING;
        }
        return value.abs().compareTo(BigDecimal.ONE) >= 0 ? money(decimal) : signPrefix(value, false) + "$" + quantity(value.abs());
    }

    /** A quantity with up to 8 decimals and no trailing zeros: "0.12345679", "1,250", "0". */
    public static String quantity(String decimal) {
        BigDecimal value = parse(decimal);
        return value == null ? MISSING : quantity(value);
    }

    /** A share in percent without trailing zeros: "30" → "30%", "1.2345" → "1.23%". */
    public static String percent(String decimal) {
        BigDecimal value = parse(decimal);
        if (value == null) {
            return MISSING;
        }
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return String.format(Locale.US, "%,." + Math.max(0, rounded.scale()) + "f%%", rounded);
    }

    /** A change in percent with its sign: "+1.20%", "-0.35%", "0.00%". */
    public static String signedPercent(String decimal) {
        BigDecimal value = parse(decimal);
        return value == null ? MISSING : signPrefix(value, true) + twoDecimals(value.abs()) + "%";
    }

    public static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** Local wall-clock time of day, "14:03:27". */
    public static String time(Timestamp timestamp, ZoneId zone) {
        return isSet(timestamp) ? TIME.format(instant(timestamp).atZone(zone)) : MISSING;
    }

    /** Local date and time, "2026-11-24 14:03:27". */
    public static String dateTime(Timestamp timestamp, ZoneId zone) {
        return isSet(timestamp) ? DATE_TIME.format(instant(timestamp).atZone(zone)) : MISSING;
    }

    /** A duration the way people say it: "42s", "5m 07s", "3h 12m", "2d 4h". */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.US, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.US, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.US, "%dd %dh", s / 86_400, s % 86_400 / 3600);
    }

    /** Bytes as whole mebibytes, "84 MB". */
    public static String megabytes(long bytes) {
        return String.format(Locale.US, "%,d MB", bytes / (1024 * 1024));
    }

    /** Bytes with a binary unit: "512 B", "12.5 KB", "84.0 MB", "1.2 GB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return Math.max(0, bytes) + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.US, "%.1f %s", value, units[unit]);
    }

    /** Milliseconds since the epoch as a UTC minute, "2026-11-24 14:03"; {@link #MISSING} for 0. */
    public static String utcMinute(long epochMillis) {
        return epochMillis == 0 ? MISSING : UTC_MINUTE.format(Instant.ofEpochMilli(epochMillis));
    }

    /** An enum constant as a word: {@code BOT_STATUS_WARMING_UP} with prefix "BOT_STATUS_" → "warming up". */
    public static String enumWord(Enum<?> constant, String prefix) {
        String name = constant.name().startsWith(prefix) ? constant.name().substring(prefix.length()) : constant.name();
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String quantity(BigDecimal value) {
        BigDecimal rounded = value.setScale(QUANTITY_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
        return String.format(Locale.US, "%,." + Math.max(0, rounded.scale()) + "f", rounded);
    }

    private static String twoDecimals(BigDecimal nonNegative) {
        return String.format(Locale.US, "%,.2f", nonNegative.setScale(2, RoundingMode.HALF_UP));
    }

    /** The sign to print; a value that rounds to zero cents gets none. */
    private static String signPrefix(BigDecimal value, boolean plusForGains) {
        int sign = value.setScale(2, RoundingMode.HALF_UP).signum();
        return sign < 0 ? "-" : sign > 0 && plusForGains ? "+" : "";
    }

    private static BigDecimal parse(String decimal) {
        if (decimal == null || decimal.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(decimal.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isSet(Timestamp t) {
        return t != null && (t.getSeconds() != 0 || t.getNanos() != 0);
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
