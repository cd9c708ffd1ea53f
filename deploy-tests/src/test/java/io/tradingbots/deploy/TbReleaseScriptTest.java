package io.tradingbots.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/test/tb-release-test.sh: tb-release and tb-supervisor with fake releases (no JVM, no SSH),
 * for what the end-to-end test cannot see cheaply: the restored database really is the backup,
 * pruning to the newest releases and backups, the supervisor's request files.
 */
class TbReleaseScriptTest {

    @TempDir
    Path tmp;

    @Test
    void switchesRestoresPrunesAndCarriesOutSupervisorRequests() throws Exception {
        Path log = tmp.resolve("tb-release-test.log");
        Path work = tmp.resolve("work");
        Files.createDirectories(work);
        Process p = new ProcessBuilder("bash", Path.of(System.getProperty("tb.deployDir"), "test", "tb-release-test.sh").toString(),
                work.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(finished).as("finished within 60 s; output:\n" + out).isTrue();
        assertThat(p.exitValue()).as("exit code; output:\n" + out).isZero();
        assertThat(out).contains("9 passed, 0 failed");
    }
}
