package io.tradingbots.desktop.deployment;

import com.google.protobuf.Timestamp;
import io.tradingbots.api.v1.DeploymentEvent;
import io.tradingbots.api.v1.DeploymentResult;
import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.Release;
import java.time.Instant;

/** Deployment answers for the tests: a supervised host with two releases, and a hand-started engine. */
final class SampleDeployments {

    static final String INSTALLED_NEW = "2026-11-20T10:15:30Z";
    static final String INSTALLED_OLD = "2026-11-02T08:00:00Z";

    private SampleDeployments() {}

    static GetDeploymentResponse managed() {
        return GetDeploymentResponse.newBuilder().setRunningVersion("1.4.0").setManaged(true)
                .setRoot("/srv/trading-bots").setCurrentVersion("1.4.0")
                .addReleases(Release.newBuilder().setVersion("1.4.0").setGitCommit("abc1234")
                        .setInstalledAt(at(INSTALLED_NEW)).setCurrent(true))
                .addReleases(Release.newBuilder().setVersion("1.3.2").setGitCommit("def5678")
                        .setInstalledAt(at(INSTALLED_OLD)))
                .addHistory(DeploymentEvent.newBuilder().setTime(at(INSTALLED_NEW)).setActor("deploy")
                        .setAction("deploy").setFromVersion("1.3.2").setToVersion("1.4.0")
                        .setResult(DeploymentResult.DEPLOYMENT_RESULT_SUCCEEDED).setMessage("healthy in 6s"))
                .build();
    }

    static GetDeploymentResponse unmanaged() {
        return GetDeploymentResponse.newBuilder().setRunningVersion("1.4.0-SNAPSHOT").setManaged(false).build();
    }

    private static Timestamp at(String iso) {
        Instant t = Instant.parse(iso);
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).build();
    }
}
