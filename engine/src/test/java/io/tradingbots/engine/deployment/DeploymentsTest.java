package io.tradingbots.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release directory as tb-release leaves it, read and requested against by the engine. */
class DeploymentsTest {

    @TempDir
    Path root;

    private Deployments deployments;

    @BeforeEach
    void layout() throws Exception {
        release("1.0.0", "aaa1111", Instant.parse("2026-01-01T00:00:00Z"));
        release("2.0.0", "bbb2222", Instant.parse("2026-01-02T00:00:00Z"));
        Files.createDirectories(root.resolve("releases").resolve(".incoming.X1"));
        Files.createSymbolicLink(root.resolve("current"), Path.of("releases/2.0.0"));
        Files.createDirectories(root.resolve("deploy"));
        Files.writeString(root.resolve("deploy").resolve("history.tsv"),
                "2026-01-01T00:00:05Z\talice\tdeploy\t\t1.0.0\tsucceeded\tserving after 3.1 s of downtime\n"
                        + "not a history line\n"
                        + "2026-01-02T00:00:05Z\tgithub-actions\tdeploy\t1.0.0\t2.0.0\tsucceeded\tserving after 4.0 s of downtime\n"
                        + "2026-01-03T00:00:05Z\tbob\tdeploy\t2.0.0\t3.0.0\trolled-back\thealth gate: not SERVING within 60 s\n");
        deployments = new Deployments("2.0.0", Optional.of(new DeploymentLayout(root)));
    }

    private void release(String version, String commit, Instant installed) throws Exception {
        Path dir = root.resolve("releases").resolve(version);
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin").resolve("tb"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("release.properties"), "version=" + version + "\ncommit=" + commit + "\n");
        Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.from(installed));
    }

    @Test
    void statusListsReleasesNewestFirstAndHistoryNewestFirstSkippingBadLines() {
        DeploymentStatus s = deployments.status();
        assertThat(s.managed()).isTrue();
        assertThat(s.runningVersion()).isEqualTo("2.0.0");
        assertThat(s.currentVersion()).isEqualTo("2.0.0");
        assertThat(s.releases()).extracting(Release::version).containsExactly("2.0.0", "1.0.0");
        assertThat(s.releases()).extracting(Release::commit).containsExactly("bbb2222", "aaa1111");
        assertThat(s.releases()).extracting(Release::current).containsExactly(true, false);
        assertThat(s.history()).extracting(HistoryEntry::toVersion).containsExactly("3.0.0", "2.0.0", "1.0.0");
        assertThat(s.history().get(0).result()).isEqualTo(HistoryEntry.Result.ROLLED_BACK);
        assertThat(s.history().get(0).actor()).isEqualTo("bob");
        assertThat(s.history().get(2).fromVersion()).isEmpty();
    }

    @Test
    void rollbackQueuesOneRequestFileForTheSupervisor() throws Exception {
        String id = deployments.requestRollback("1.0.0", "carol@laptop\t(desktop)\n");
        Path request = root.resolve("deploy").resolve("requests").resolve(id + ".request");
        assertThat(Files.readString(request)).isEqualTo("version=1.0.0\nby=carol@laptop (desktop)\n");
        try (Stream<Path> files = Files.list(request.getParent())) {
            assertThat(files).hasSize(1); // no temporary file left behind
        }
    }

    @Test
    void rollbackRefusesWhatTheSupervisorCouldNotDo() {
        assertThatThrownBy(() -> deployments.requestRollback("9.9.9", "x"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("9.9.9 is not installed").hasMessageContaining("1.0.0");
        assertThatThrownBy(() -> deployments.requestRollback("2.0.0", "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already current");
        assertThatThrownBy(() -> deployments.requestRollback("../../etc", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a release version");
        assertThat(root.resolve("deploy").resolve("requests")).doesNotExist();
    }

    @Test
    void anEngineStartedByHandHasNoReleasesAndCannotRollBack() {
        Deployments unmanaged = new Deployments("0.1.0-SNAPSHOT", Optional.empty());
        assertThat(unmanaged.status().managed()).isFalse();
        assertThat(unmanaged.status().releases()).isEmpty();
        assertThatThrownBy(() -> unmanaged.requestRollback("1.0.0", "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not started by the deploy scripts");
    }
}
