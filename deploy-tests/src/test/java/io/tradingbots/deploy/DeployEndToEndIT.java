package io.tradingbots.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/test/e2e.sh against a real sshd on 127.0.0.1: install, deploy v1 and v2, bad input, a v3
 * that fails its health gate and is rolled back by itself, and a rollback to v1 through the gRPC
 * API. The script checks each step; this test runs it, checks its verdict and timings, and then
 * reads the droplet's database to see that v3's failed migration left no trace.
 */
class DeployEndToEndIT {

    private static final Pattern BENCH = Pattern.compile("^bench: (\\w+)=([0-9.]+)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    @Test
    void installDeployFailedGateRollsBackAndApiRollbackReachesV1() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "sshd for the end-to-end deploy test needs root");
        assertThat(Path.of("/usr/sbin/sshd")).as("OpenSSH server (apt-get install openssh-server; .ci/run does it)").exists();
        Path tarball = Path.of(System.getProperty("tb.tarball"));
        assertThat(tarball).as("release tarball, built by the installer module").exists();
        assertThat(Path.of(tarball + ".sha256")).exists();

        Path work = tmp.resolve("e2e");
        Files.createDirectories(work);
        Path log = tmp.resolve("e2e.log");
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of(System.getProperty("tb.deployDir"), "test", "e2e.sh").toString(),
                tarball.toString(), System.getProperty("tb.engineJar"), work.toString(),
                Integer.toString(freePort()), Integer.toString(freePort()), Integer.toString(freePort())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        System.out.println(out);
        assertThat(finished).as("e2e.sh finished within 240 s; output:\n" + out).isTrue();
        assertThat(p.exitValue()).as("e2e.sh exit code; output:\n" + out).isZero();
        assertThat(out).contains("14 passed, 0 failed");

        Map<String, Double> bench = new LinkedHashMap<>();
        Matcher m = BENCH.matcher(out);
        while (m.find()) {
            bench.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertThat(bench.get("deploy_healthy_seconds")).as("deploy of a healthy release").isLessThan(60);
        // Target 10 s (docs/benchmarks.md: 4-9 s here); the guard leaves room for a CI machine shared with other builds.
        assertThat(bench.get("switch_downtime_seconds")).as("engine downtime during the switch").isLessThan(20);
        assertThat(bench.get("rollback_after_failed_gate_seconds")).as("rollback after a failed gate").isLessThan(30);

        // v3's migration created a table before it failed; the restored backup has neither the table
        // nor a failed entry in Flyway's history, and every run of v1 and v2 is still recorded.
        Path db = work.resolve("droplet").resolve("data").resolve("db").resolve("tradingbots");
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + db + ";readonly=true", "SA", "")) {
            try (ResultSet r = c.getMetaData().getTables(null, null, "V3_MARKER", null)) {
                assertThat(r.next()).as("table made by v3's failed migration").isFalse();
            }
            List<String> versions = new ArrayList<>();
            try (ResultSet r = c.createStatement().executeQuery("SELECT version FROM engine_run ORDER BY id")) {
                while (r.next()) {
                    versions.add(r.getString(1));
                }
            }
            assertThat(versions).containsExactly("1.0.0", "2.0.0", "2.0.0", "1.0.0");
            c.createStatement().execute("SHUTDOWN");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
