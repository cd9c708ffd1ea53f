package io.tradingbots.engine.risk;

import java.time.Instant;

/** One audited change of one limit: who changed it, when, from what to what. */
public record LimitChange(Instant at, String by, String limit, String oldValue, String newValue) {}
