package io.tradingbots.engine.history;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * The exchange's request-weight budget as the fetcher spends it: at most {@code limit} x
 * {@code fraction} weight in any {@code windowMs} (a sliding window, so every fixed window the
 * exchange counts stays under too), and no call at all while a 429/418 wait runs. The used
 * weight the exchange reports raises the count when it is higher than ours (other clients on the
 * same IP spend the same budget).
 */
public final class RateBudget {

    private record Spend(long at, long weight) {}

    private final long allowed;
    private final long windowMs;
    private final LongSupplier clock;
    private final ArrayDeque<Spend> spent = new ArrayDeque<>();
    private long inWindow;
    private long pausedUntil;

    public RateBudget(long limit, long windowMs, double fraction, LongSupplier clockMs) {
        this.allowed = Math.max(1, (long) Math.floor(limit * fraction));
        this.windowMs = windowMs;
        this.clock = clockMs;
    }

    public long allowed() {
        return allowed;
    }

    public long windowMs() {
        return windowMs;
    }

    /** Blocks until {@code weight} fits and no wait runs, then records it as spent. */
    public void acquire(long weight) throws InterruptedException {
        acquire(weight, () -> false);
    }

    /**
     * As {@link #acquire(long)}, but gives up (returning false, nothing spent) as soon as
     * {@code cancelled} says so; it is checked at least every 200 ms.
     */
    public synchronized boolean acquire(long weight, java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        while (true) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            long now = clock.getAsLong();
            expire(now);
            long wait = 0;
            if (now < pausedUntil) {
                wait = pausedUntil - now;
            } else if (inWindow + weight > allowed && !spent.isEmpty()) {
                wait = spent.peekFirst().at() + windowMs - now;
            }
            if (wait <= 0) {
                spent.addLast(new Spend(now, weight));
                inWindow += weight;
                return true;
            }
            wait(Math.max(1, Math.min(wait, 200)));
        }
    }

    /** No call until {@code retryAfterMs} from now (429 Retry-After, 418 ban). */
    public synchronized void pause(long retryAfterMs) {
        pausedUntil = Math.max(pausedUntil, clock.getAsLong() + retryAfterMs);
        notifyAll();
    }

    /** The exchange says {@code used} weight is spent in its current window. */
    public synchronized void reportUsed(long used) {
        long now = clock.getAsLong();
        expire(now);
        if (used > inWindow) {
            spent.addLast(new Spend(now, used - inWindow));
            inWindow = used;
        }
    }

    public synchronized long pausedForMs() {
        return Math.max(0, pausedUntil - clock.getAsLong());
    }

    private void expire(long now) {
        while (!spent.isEmpty() && spent.peekFirst().at() + windowMs <= now) {
            inWindow -= spent.removeFirst().weight();
        }
    }
}
