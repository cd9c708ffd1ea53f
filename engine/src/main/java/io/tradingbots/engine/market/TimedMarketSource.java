package io.tradingbots.engine.market;

import io.tradingbots.shared.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A market source driven by a timer on its own thread: the simulation and the replay. */
abstract class TimedMarketSource implements MarketSource {

    private final String threadName;
    private ScheduledExecutorService timer;
    private volatile long lastEventWall;
    private volatile String status = "not started";
    /** Per symbol, the last candle delivered: its close (market time) and when it was delivered (wall clock). */
    private final Map<String, LastCandle> lastCandles = new ConcurrentHashMap<>();

    private record LastCandle(Timeframe timeframe, long closeMs, long deliveredWallMs) {}

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

    /** {@code c} was delivered (or, for a live source, is the newest candle it starts from). */
    final void markCandle(Candle c) {
        lastCandles.put(c.symbol(), new LastCandle(c.timeframe(), c.closeTime(), System.currentTimeMillis()));
    }

    /** The feed's name before symbol and timeframe: "sim", "replay", "binanceus". */
    abstract String feedVenue();

    /** Wall-clock ms expected between two candles of one symbol. */
    abstract long expectedIntervalMs();

    /** True when candle times are wall-clock times (a live source): a feed's age is then measured from the close. */
    boolean live() {
        return false;
    }

    @Override
    public final List<FeedStatus> feeds(long nowMs) {
        List<FeedStatus> out = new ArrayList<>();
        for (String symbol : symbols()) {
            LastCandle last = lastCandles.get(symbol);
            String name = feedVenue() + " " + symbol + " " + baseTimeframe().label();
            if (last == null) {
                out.add(new FeedStatus(name, baseTimeframe(), 0, -1, expectedIntervalMs()));
            } else {
                long age = Math.max(0, nowMs - (live() ? last.closeMs() : last.deliveredWallMs()));
                out.add(new FeedStatus(name, last.timeframe(), last.closeMs(), age, expectedIntervalMs()));
            }
        }
        return out;
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
