package io.tradingbots.engine.bot;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that shows the market's time: the latest price time the runtime has seen. A replay
 * compresses days into minutes, so its orders, risk days and rates follow the replayed time, and
 * a replay run again over the same candles stamps every decision with the same time.
 */
public final class MarketClock extends Clock {

    private volatile long millis;

    public MarketClock(long start) {
        this.millis = start;
    }

    /** Moves forward to {@code time}; never back. Called on the market thread only. */
    public void advance(long time) {
        if (time > millis) {
            millis = time;
        }
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the market clock is UTC only");
    }
}
