package io.tradingbots.engine.deployment;

import java.time.Instant;

/** One release installed under {@code releases/}. */
public record Release(String version, String commit, Instant installedAt, boolean current) {}
