package io.tradingbots.engine.health;

import io.tradingbots.engine.market.FeedStatus;
import java.util.List;

/** The engine's health at one moment: the process, the machine, each market feed and each exchange endpoint. */
public record HealthView(Status status, String detail, long uptimeSeconds, long heapUsedBytes, long heapMaxBytes,
                         int threadCount, double processCpuLoad, long marketDataAgeMs, int watchers, String marketStatus,
                         HostMetrics host, List<FeedStatus> feeds, List<EndpointStats> endpoints) {

    public enum Status { OK, DEGRADED, DOWN }

    public HealthView {
        host = host == null ? HostMetrics.unknown() : host;
        feeds = List.copyOf(feeds);
        endpoints = List.copyOf(endpoints);
    }

    /** Process figures only: no host figures, feeds or endpoints. */
    public HealthView(Status status, String detail, long uptimeSeconds, long heapUsedBytes, long heapMaxBytes, int threadCount,
                      double processCpuLoad, long marketDataAgeMs, int watchers, String marketStatus) {
        this(status, detail, uptimeSeconds, heapUsedBytes, heapMaxBytes, threadCount, processCpuLoad, marketDataAgeMs, watchers,
                marketStatus, HostMetrics.unknown(), List.of(), List.of());
    }
}
