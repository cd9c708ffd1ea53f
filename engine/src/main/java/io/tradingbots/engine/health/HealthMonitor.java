package io.tradingbots.engine.health;

import com.sun.management.OperatingSystemMXBean;
import io.tradingbots.shared.DaemonThreads;
import io.tradingbots.engine.market.FeedStatus;
import io.tradingbots.engine.market.MarketSource;
import io.tradingbots.engine.state.StateHub;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the engine's health once a second: JVM figures, market data age, watchers, the host
 * (CPU, memory, the data directory's disk, GC), each market feed's last candle and each exchange
 * endpoint's calls.
 */
public final class HealthMonitor implements AutoCloseable {

    /** Market data older than this (wall clock) makes the engine DEGRADED. */
    static final long STALE_MARKET_MS = 10_000;

    private final MarketSource market;
    private final StateHub hub;
    private final Path dataDir;
    private final ExchangeCalls calls;
    private final LongFunction<List<FeedStatus>> moreFeeds;
    private final long startedAt = System.currentTimeMillis();
    private final ScheduledExecutorService timer = DaemonThreads.scheduler("health-monitor");

    /** Process figures and the market source only. */
    public HealthMonitor(MarketSource market, StateHub hub) {
        this(market, hub, null, new ExchangeCalls(), now -> List.of());
    }

    /**
     * @param dataDir   whose file store's size and free space are reported (null: not reported)
     * @param calls     the exchange endpoints' calls
     * @param moreFeeds feeds besides the market source's (the arbitrage bots' second venue), at a wall-clock time
     */
    public HealthMonitor(MarketSource market, StateHub hub, Path dataDir, ExchangeCalls calls, LongFunction<List<FeedStatus>> moreFeeds) {
        this.market = market;
        this.hub = hub;
        this.dataDir = dataDir;
        this.calls = calls;
        this.moreFeeds = moreFeeds;
    }

    public void start() {
        publish();
        timer.scheduleAtFixedRate(this::publish, 1, 1, TimeUnit.SECONDS);
    }

    void publish() {
        hub.updateHealth(measure());
    }

    HealthView measure() {
        long now = System.currentTimeMillis();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double cpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            cpu = os.getProcessCpuLoad();
        }
        long last = market.lastEventWallMillis();
        long age = last == 0 ? now - startedAt : now - last;
        String marketStatus = market.status();
        HealthView.Status status = HealthView.Status.OK;
        String detail = "";
        if (marketStatus.startsWith("failed")) {
            status = HealthView.Status.DOWN;
            detail = "market source " + marketStatus;
        } else if (age > STALE_MARKET_MS && !marketStatus.startsWith("replay finished")) {
            status = HealthView.Status.DEGRADED;
            detail = "no market data for " + age / 1000 + " s";
        }
        List<FeedStatus> feeds = new ArrayList<>(market.feeds(now));
        feeds.addAll(moreFeeds.apply(now));
        return new HealthView(status, detail, (now - startedAt) / 1000, heap.getUsed(), heap.getMax(),
                ManagementFactory.getThreadMXBean().getThreadCount(), cpu, age, hub.subscriberCount(), marketStatus,
                HostMetrics.measure(dataDir), feeds, calls.snapshot());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
