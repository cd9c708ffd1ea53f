package io.tradingbots.engine.health;

/** The engine's health at one moment. */
public record HealthView(Status status, String detail, long uptimeSeconds, long heapUsedBytes, long heapMaxBytes,
                         int threadCount, double processCpuLoad, long marketDataAgeMs, int watchers, String marketStatus) {

    public enum Status { OK, DEGRADED, DOWN }
}
