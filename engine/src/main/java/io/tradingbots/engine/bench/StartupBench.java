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
 * created); the others reuse it, as every start after the first does. Then the same again with an
 * AppCDS archive of the engine's classes, as the {@code tb} launchers run it: one training run
 * writes the archive at exit, the measured runs load it.
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
        Path jsa = dir.resolve("tb-engine.jsa");
        var out = spec.commandLine().getOut();
        try {
            Path data = dir.resolve("data");
            List<Double> plain = series("plain JVM", jar, data, runs, List.of());
            startOnce(jar, data, List.of("-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            if (!Files.exists(jsa)) {
                throw new IllegalStateException("the training run wrote no AppCDS archive");
            }
            List<Double> cds = series("AppCDS", jar, dir.resolve("data-cds"), runs,
                    List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            out.printf("cold start to SERVING, %d runs each, %d cores:%n", runs, Runtime.getRuntime().availableProcessors());
            report(out, "plain JVM", plain);
            report(out, "AppCDS (tb launchers)", cds);
            out.printf("ratio of medians AppCDS / plain: %.2f%n", median(cds) / median(plain));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        return 0;
    }

    private List<Double> series(String label, Path jar, Path data, int n, List<String> jvmArgs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ms = startOnce(jar, data, jvmArgs);
            times.add(ms);
            spec.commandLine().getOut().printf("  %s run %d (%s data dir): %.0f ms%n", label, i + 1, i == 0 ? "empty" : "existing", ms);
        }
        return times;
    }

    private static double median(List<Double> times) {
        return times.stream().sorted().toList().get(times.size() / 2);
    }

    private static void report(java.io.PrintWriter out, String label, List<Double> times) {
        List<Double> sorted = times.stream().sorted().toList();
        out.printf("  %-22s first (empty dir) %5.0f ms, median %5.0f ms, min %5.0f ms, max %5.0f ms%n", label,
                times.get(0), median(times), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static double startOnce(Path jar, Path dir, List<String> jvmArgs) throws Exception {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("engine.port"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(), "engine", "--data-dir", dir.toString(), "--listen", "127.0.0.1:0"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
