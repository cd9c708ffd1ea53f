package io.tradingbots.engine.market;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Candle intervals, named as Binance names them. */
public enum Timeframe {
    M1("1m", 60),
    M5("5m", 300),
    M15("15m", 900),
    H1("1h", 3_600),
    H4("4h", 14_400),
    D1("1d", 86_400);

    private final String label;
    private final long millis;

    Timeframe(String label, long seconds) {
        this.label = label;
        this.millis = seconds * 1000;
    }

    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    public Duration duration() {
        return Duration.ofMillis(millis);
    }

    /** Start of the candle that contains {@code timeMs}. */
    public long floor(long timeMs) {
        return Math.floorDiv(timeMs, millis) * millis;
    }

    public static Timeframe parse(String text) {
        for (Timeframe t : values()) {
            if (t.label.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown timeframe '" + text + "': use one of "
                + Arrays.stream(values()).map(Timeframe::label).collect(Collectors.joining(", ")));
    }

    public static Timeframe ofMillis(long millis) {
        for (Timeframe t : values()) {
            if (t.millis == millis) {
                return t;
            }
        }
        throw new IllegalArgumentException("candles " + millis / 1000 + " s apart match no supported timeframe");
    }

    @Override
    public String toString() {
        return label;
    }
}
