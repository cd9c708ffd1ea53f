package io.tradingbots.desktop.engine;

import java.time.Duration;

/** Reconnect delays that double from {@code initial} up to {@code max}; {@link #reset()} after a success. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** 0.5 s, 1 s, 2 s, 4 s, 8 s, then 10 s for every further try. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** The delay before the next attempt; each call doubles the one after it. */
    public synchronized Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    public synchronized void reset() {
        next = initial;
    }
}
