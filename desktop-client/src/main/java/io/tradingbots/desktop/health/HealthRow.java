package io.tradingbots.desktop.health;

/** One line of the System health view: what is measured, its value, and whether it needs attention. */
public record HealthRow(String name, String value, boolean warning) {

    /** Shown for figures this engine's API does not carry. */
    public static final String NOT_REPORTED = "not reported by this engine";

    static HealthRow of(String name, String value) {
        return new HealthRow(name, value, false);
    }

    static HealthRow missing(String name) {
        return new HealthRow(name, NOT_REPORTED, false);
    }
}
