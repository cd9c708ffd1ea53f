package io.tradingbots.engine.api;

import io.tradingbots.api.v1.TradingMode;
import java.time.Instant;

/** What GetInfo reports: fixed for the life of the engine process. */
public record EngineFacts(String version, String gitCommit, Instant buildTime, Instant startTime, TradingMode mode,
                          String marketSource, String dataDir, long pid) {}
