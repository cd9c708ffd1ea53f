package io.tradingbots.engine.history;

import java.time.Instant;

/** A half-open time range [from, to) in ms since the epoch, UTC. */
public record TimeRange(long from, long to) {

    public TimeRange {
        if (to < from) {
            throw new IllegalArgumentException("range ends (" + Instant.ofEpochMilli(to) + ") before it starts ("
                    + Instant.ofEpochMilli(from) + ")");
        }
    }

    public long length() {
        return to - from;
    }

    public boolean isEmpty() {
        return to == from;
    }

    @Override
    public String toString() {
        return Instant.ofEpochMilli(from) + " .. " + Instant.ofEpochMilli(to);
    }
}
