package io.tradingbots.engine.deployment;

import java.util.List;

/**
 * What GetDeployment reports. {@code root} and {@code currentVersion} are empty when the engine
 * does not run from a managed release directory.
 */
public record DeploymentStatus(String runningVersion, boolean managed, String root, String currentVersion,
                               List<Release> releases, List<HistoryEntry> history) {}
