package io.tradingbots.desktop.deployment;

import io.tradingbots.api.v1.DeploymentEvent;
import io.tradingbots.api.v1.DeploymentResult;
import io.tradingbots.desktop.support.Formats;
import java.time.ZoneOffset;

/** One deployment or rollback as the history table shows it; the time is UTC. */
public record DeploymentEventRow(String time, String actor, String action, String change, String result) {

    public static DeploymentEventRow of(DeploymentEvent e) {
        String result = e.getResult() == DeploymentResult.DEPLOYMENT_RESULT_UNSPECIFIED ? "unknown"
                : Formats.enumWord(e.getResult(), "DEPLOYMENT_RESULT_");
        return new DeploymentEventRow(Formats.dateTime(e.getTime(), ZoneOffset.UTC), e.getActor(), e.getAction(),
                or(e.getFromVersion()) + " → " + or(e.getToVersion()),
                e.getMessage().isEmpty() ? result : result + ": " + e.getMessage());
    }

    private static String or(String version) {
        return version.isEmpty() ? Formats.MISSING : version;
    }
}
