package io.tradingbots.desktop;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The real engine jar on 127.0.0.1 and a free port, simulated market at 600x, data in {@code dir/data}. */
final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final int port;

    private EngineProcess(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    static EngineProcess start(Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("tb.engineJar", "../engine/target/tb-engine.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("build the engine first: ./mvnw -pl engine -am package (missing " + jar.toAbsolutePath() + ")");
        }
        Path dataDir = Files.createDirectory(dir.resolve("data"));
        Path log = dir.resolve("engine.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "engine", "--data-dir", dataDir.toString(),
                "--listen", "127.0.0.1:0", "--market", "sim", "--speed", "600")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        Path portFile = dataDir.resolve("engine.port");
        await("engine.port and api-token in " + dataDir).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!process.isAlive()) {
                        fail("the engine exited with " + process.exitValue() + ": " + Files.readString(log));
                    }
                    return Files.isRegularFile(dataDir.resolve("api-token")) && Files.isRegularFile(portFile)
                            && !Files.readString(portFile).isBlank();
                });
        return new EngineProcess(process, dataDir, Integer.parseInt(Files.readString(portFile).strip()));
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
