package io.tradingbots.engine.bench;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Cold start: from launching {@code java -jar tb-engine.jar engine} (a new JVM) to the health
 * service answering SERVING. The first run uses an empty data directory (token and schema are
 * created); the others reuse it, as every start after the first does.
 */
@Command(name = "startup", mixinStandardHelpOptions = true, description = "Engine cold start to health SERVING.")
final class StartupBench implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5", description = "Number of starts (default: ${DEFAULT-VALUE}).")
    int runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path jar = Path.of(StartupBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!jar.toString().endsWith(".jar")) {
            throw new IllegalStateException("run this from the engine jar (java -jar engine/target/tb-engine.jar bench startup)");
        }
        Path dir = Files.createTempDirectory("tb-bench-startup");
        var out = spec.commandLine().getOut();
        List<Double> times = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                double ms = startOnce(jar, dir);
                times.add(ms);
                out.printf("run %d (%s data dir): %.0f ms to SERVING%n", i + 1, i == 0 ? "empty" : "existing", ms);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        List<Double> sorted = times.stream().sorted().toList();
        out.printf("cold start to SERVING: first %.0f ms, median %.0f ms, max %.0f ms over %d runs (%d cores)%n",
                times.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), runs,
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    private static double startOnce(Path jar, Path dir) throws Exception {
        Files.deleteIfExists(dir.resolve("engine.port"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "engine", "--data-dir", dir.toString(), "--listen", "127.0.0.1:0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path portFile = dir.resolve("engine.port");
            while (!Files.exists(portFile)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("engine exited with " + p.exitValue());
                }
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("engine did not start within 60 s");
                }
                Thread.sleep(2);
            }
            int port = Integer.parseInt(Files.readString(portFile).trim());
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                while (true) {
                    try {
                        var status = HealthGrpc.newBlockingStub(ch).withDeadlineAfter(1, TimeUnit.SECONDS)
                                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
                        if (status == HealthCheckResponse.ServingStatus.SERVING) {
                            return (System.nanoTime() - t0) / 1e6;
                        }
                    } catch (io.grpc.StatusRuntimeException e) {
                        // not listening yet
                    }
                    Thread.sleep(2);
                }
            } finally {
                ch.shutdownNow();
            }
        } finally {
            p.destroy();
            p.waitFor(15, TimeUnit.SECONDS);
        }
    }
}
