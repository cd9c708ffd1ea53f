package io.tradingbots.desktop.engine;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry half of a reconnecting stream: waits as {@link Backoff} says, wakes the channel and
 * reopens. Shared by the state stream and the fetch-progress streams.
 */
final class Reconnects {

    private static final Logger log = LoggerFactory.getLogger(Reconnects.class);

    /**
     * Resets the channel before a retry. After a failed connect the channel keeps its own, longer
     * backoff and fails new calls at once with the old error; idling it makes the retry dial afresh.
     */
    private final Runnable wakeChannel;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;

    Reconnects(Runnable wakeChannel, ScheduledExecutorService scheduler, Backoff backoff) {
        this.wakeChannel = wakeChannel;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    /** The wait before the next try; each call doubles the one after it. */
    Duration nextDelay() {
        return backoff.next();
    }

    /** Wakes the channel and runs {@code reopen} after {@code delay}. */
    void reopenAfter(Duration delay, Runnable reopen) {
        try {
            scheduler.schedule(() -> {
                wakeChannel.run();
                reopen.run();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("client closed while scheduling a reconnect");
        }
    }

    /** After a stream delivered: the next failure starts from the shortest delay again. */
    void succeeded() {
        backoff.reset();
    }

    /** "3s": a delay as people read it, rounded up to whole seconds. */
    static String describe(Duration delay) {
        return io.tradingbots.desktop.support.Formats.duration(Duration.ofSeconds((delay.toMillis() + 999) / 1000));
    }
}
