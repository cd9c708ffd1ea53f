package io.tradingbots.engine;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real engine jar, started as its own process on 127.0.0.1 for integration tests. */
public final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final Path output;

    private EngineProcess(Process process, Path dataDir, Path output) {
        this.process = process;
        this.dataDir = dataDir;
        this.output = output;
    }

    public static Path jar() {
        String path = System.getProperty("tb.engineJar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("engine jar not found (" + path + "): build it first with ./mvnw -pl engine -am package");
        }
        return Path.of(path);
    }

    /** Runs {@code tb ARGS} to completion and returns its exit code; output goes to {@code log}. */
    public static int run(Path log, String... args) throws IOException, InterruptedException {
        Process p = builder(log, args).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("tb " + String.join(" ", args) + " did not finish in 60 s");
        }
        return p.exitValue();
    }

    private static ProcessBuilder builder(Path log, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    /** Starts {@code tb engine} on a free loopback port and waits until it has published its port. */
    public static EngineProcess start(Path dataDir, String... extraArgs) throws IOException {
        Files.createDirectories(dataDir);
        Path log = Files.createTempFile(dataDir.toAbsolutePath().getParent(), "engine-", ".log");
        List<String> args = new ArrayList<>(List.of("engine", "--data-dir", dataDir.toString(), "--listen", "127.0.0.1:0"));
        args.addAll(List.of(extraArgs));
        Process p = builder(log, args.toArray(String[]::new)).start();
        EngineProcess engine = new EngineProcess(p, dataDir, log);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.exists(dataDir.resolve("engine.port")) || !p.isAlive());
            if (!p.isAlive()) {
                throw new IllegalStateException("engine exited with " + p.exitValue() + ": " + Files.readString(log));
            }
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    public int port() throws IOException {
        return Integer.parseInt(Files.readString(dataDir.resolve("engine.port")).trim());
    }

    public Path dataDir() {
        return dataDir;
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, as systemd and Ctrl+C do; waits for the exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("engine did not stop within 15 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
