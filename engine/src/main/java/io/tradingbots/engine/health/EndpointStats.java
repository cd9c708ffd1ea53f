package io.tradingbots.engine.health;

/**
 * One exchange endpoint's calls: totals since the engine started, the last failure, and the
 * latency of the calls of the last {@code windowSeconds} (at most {@link ExchangeCalls#RING}).
 */
public record EndpointStats(String name, long calls, long errors, String lastError, long lastErrorAtMs, long windowSeconds,
                            int windowCalls, int windowErrors, double latencyP50Ms, double latencyP99Ms) {}
