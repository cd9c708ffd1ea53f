package io.tradingbots.engine.strategy;

import java.util.List;
import java.util.Locale;

/**
 * One parameter of a strategy: its name, kind, default and allowed range. Integers and decimals
 * are checked against [min, max]; a choice against its list of values.
 */
public record ParamDef(String name, Kind kind, String defaultValue, double min, double max, List<String> choices,
                       String description) {

    public enum Kind { INTEGER, DECIMAL, CHOICE }

    public static ParamDef integer(String name, int def, int min, int max, String description) {
        return new ParamDef(name, Kind.INTEGER, Integer.toString(def), min, max, List.of(), description);
    }

    public static ParamDef decimal(String name, double def, double min, double max, String description) {
        return new ParamDef(name, Kind.DECIMAL, Double.toString(def), min, max, List.of(), description);
    }

    public static ParamDef choice(String name, String def, List<String> choices, String description) {
        return new ParamDef(name, Kind.CHOICE, def, Double.NaN, Double.NaN, List.copyOf(choices), description);
    }

    public boolean numeric() {
        return kind != Kind.CHOICE;
    }

    /** The value in canonical text form, or a one-line error naming the strategy and the allowed range. */
    String check(String strategy, String text) {
        String t = text.trim();
        switch (kind) {
            case CHOICE -> {
                if (!choices.contains(t)) {
                    throw new IllegalArgumentException(strategy + ": " + name + "=" + text + " is not one of " + choices);
                }
                return t;
            }
            case INTEGER -> {
                long v;
                try {
                    v = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(strategy + ": " + name + "=" + text + " is not a whole number");
                }
                if (v < min || v > max) {
                    throw new IllegalArgumentException(strategy + ": " + name + "=" + text + " is outside "
                            + range());
                }
                return Long.toString(v);
            }
            default -> {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(strategy + ": " + name + "=" + text + " is not a number");
                }
                if (!(v >= min && v <= max)) {
                    throw new IllegalArgumentException(strategy + ": " + name + "=" + text + " is outside " + range());
                }
                return Double.toString(v);
            }
        }
    }

    /** "[5, 200]" or "one of [...]". */
    public String range() {
        if (kind == Kind.CHOICE) {
            return "one of " + choices;
        }
        return kind == Kind.INTEGER
                ? String.format(Locale.ROOT, "[%d, %d]", (long) min, (long) max)
                : String.format(Locale.ROOT, "[%s, %s]", fmt(min), fmt(max));
    }

    private static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
