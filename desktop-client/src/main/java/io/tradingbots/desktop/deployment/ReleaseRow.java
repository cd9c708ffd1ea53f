package io.tradingbots.desktop.deployment;

import io.tradingbots.api.v1.Release;
import io.tradingbots.desktop.support.Formats;
import java.time.ZoneOffset;

/** One installed release as the releases table shows it; the install time is UTC. */
public record ReleaseRow(String version, String commit, String installedAt, boolean current) {

    public static ReleaseRow of(Release r) {
        return new ReleaseRow(r.getVersion(), r.getGitCommit().isEmpty() ? Formats.MISSING : r.getGitCommit(),
                Formats.dateTime(r.getInstalledAt(), ZoneOffset.UTC), r.getCurrent());
    }

    /** "current" for the release the current link points to, otherwise empty. */
    public String marker() {
        return current ? "current" : "";
    }
}
