package io.tradingbots.engine.risk;

import java.time.Instant;

/** A halt, a resume, the daily loss limit being reached, or the limits changing: who, when, why. */
public record RiskEvent(Instant at, String action, String by, String reason) {}
