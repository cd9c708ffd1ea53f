package io.tradingbots.engine.market;

import io.tradingbots.shared.DaemonThreads;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A market source driven by a timer on its own thread: the simulation and the replay. */
abstract class TimedMarketSource implements MarketSource {

    private final String threadName;
    private ScheduledExecutorService timer;
    private volatile long lastEventWall;
    private volatile String status = "not started";

    TimedMarketSource(String threadName) {
        this.threadName = threadName;
    }

    /** Starts calling {@code tick} every {@code periodMicros} on the source's thread. */
    final synchronized void startTimer(long periodMicros, Runnable tick) {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = DaemonThreads.scheduler(threadName);
        timer.scheduleAtFixedRate(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                status = "failed: " + e.getMessage();
                throw e;
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Stops the timer from its own thread (a replay at its end). */
    final synchronized void stopTimer() {
        if (timer != null) {
            timer.shutdown();
        }
    }

    final void markEvent() {
        lastEventWall = System.currentTimeMillis();
    }

    final void setStatus(String status) {
        this.status = status;
    }

    @Override
    public final long lastEventWallMillis() {
        return lastEventWall;
    }

    @Override
    public final String status() {
        return status;
    }

    /** Stops the timer and waits briefly for a tick in progress; {@code finalStatus} describes the end. */
    final void closeTimer(String finalStatus) {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
        }
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (finalStatus != null) {
            status = finalStatus;
        }
    }
}
