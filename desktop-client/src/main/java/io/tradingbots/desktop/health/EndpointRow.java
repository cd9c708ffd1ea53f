package io.tradingbots.desktop.health;

/**
 * One exchange endpoint in the System health view: calls and errors since the engine started,
 * the last error, and the latency percentiles over the engine's recent window.
 *
 * @param warning some call in the recent window failed
 */
public record EndpointRow(String endpoint, String calls, String errors, String lastError, String p50, String p99,
                          boolean warning) {}
