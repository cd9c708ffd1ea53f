package io.tradingbots.engine.bench;

import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The engine's footprint on the live-market code path: a new engine JVM ({@code -Xmx256m}) runs
 * the default plan in paper mode with {@code --market binanceus}, its Binance.US and Kraken calls
 * going to loopback fakes in this process (this machine cannot reach the real ones), in real time.
 * After a warm-up it reads the engine's CPU time from {@code /proc/<pid>/stat} over the measured
 * window, then forces a GC with {@code jcmd} and reads the live heap from {@code GC.heap_info}.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = "Engine CPU and heap running the default plan on the live-market path (loopback fakes of Binance.US and Kraken).")
final class FootprintBench implements Callable<Integer> {

    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    @Option(names = "--warmup", defaultValue = "60", description = "Seconds after the engine is up before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seconds", defaultValue = "180", description = "Measured window in seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--heap", defaultValue = "256m", description = "The engine's -Xmx (default: ${DEFAULT-VALUE}).")
    String heap;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path jar = Path.of(FootprintBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!jar.toString().endsWith(".jar")) {
            throw new IllegalStateException("run this from the engine jar (./tb bench footprint)");
        }
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            throw new IllegalStateException("this benchmark reads /proc (Linux only)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("tb-bench-footprint");
        long tick = clockTicks();
        try (FakeBinanceUs binance = new FakeBinanceUs(1_200, 60_000, 0); FakeKrakenOhlc kraken = new FakeKrakenOhlc()) {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                    "-jar", jar.toString(), "engine", "--data-dir", dir.resolve("data").toString(), "--listen", "127.0.0.1:0",
                    "--market", "binanceus");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("engine.out").toFile());
            pb.environment().put("TB_BINANCEUS_URL", binance.url());
            pb.environment().put("TB_KRAKEN_URL", kraken.url());
            Process p = pb.start();
            try {
                Path portFile = dir.resolve("data").resolve("engine.port");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(portFile)) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the engine did not start (exit " + (p.isAlive() ? "-" : p.exitValue()) + "); its output: "
                                + tail(dir.resolve("engine.out")));
                    }
                    Thread.sleep(50);
                }
                out.printf("engine pid %d up; warming up %d s, then measuring %d s (%d cores)%n", p.pid(), warmup, seconds,
                        Runtime.getRuntime().availableProcessors());
                out.flush();
                Thread.sleep(warmup * 1000L);
                long cpu0 = cpuTicks(p.pid());
                long t0 = System.nanoTime();
                long calls0 = binance.klinesCalls.get() + kraken.calls.get();
                Thread.sleep(seconds * 1000L);
                long cpu1 = cpuTicks(p.pid());
                double wall = (System.nanoTime() - t0) / 1e9;
                long calls = binance.klinesCalls.get() + kraken.calls.get() - calls0;
                if (!p.isAlive()) {
                    throw new IllegalStateException("the engine died during the run: " + tail(dir.resolve("engine.out")));
                }
                printBots(out, dir.resolve("data"));
                double cpuSeconds = (cpu1 - cpu0) / (double) tick;
                String beforeGc = jcmd(p.pid(), "GC.heap_info");
                jcmd(p.pid(), "GC.run");
                String afterGc = jcmd(p.pid(), "GC.heap_info");
                out.printf("CPU: %.2f s in %.0f s = %.2f%% of one core (target < 2%%)%n", cpuSeconds, wall, 100 * cpuSeconds / wall);
                out.printf("exchange calls in the window: %d (Binance.US klines + Kraken OHLC)%n", calls);
                out.printf("heap in use %.1f MB, live after a full GC %.1f MB, limit -Xmx%s (target < 256 MB)%n", usedMb(beforeGc),
                        usedMb(afterGc), heap);
                out.printf("RSS %s%n", rss(p.pid()));
                String log = tail(dir.resolve("engine.out"));
                if (log.contains("ERROR")) {
                    out.println("engine logged errors (last lines):\n" + log);
                }
                return 0;
            } finally {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** What the bots did, from the engine's own state stream: proof that the run traded on the live path, not idled on errors. */
    private static void printBots(PrintWriter out, Path data) throws Exception {
        int port = Integer.parseInt(Files.readString(data.resolve("engine.port")).strip());
        io.tradingbots.shared.ApiToken token = io.tradingbots.shared.ApiToken.read(data.resolve("api-token"));
        io.grpc.ManagedChannel ch = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            var first = io.tradingbots.api.v1.EngineServiceGrpc.newBlockingStub(ch).withCallCredentials(new io.tradingbots.shared.BearerAuth(token))
                    .withDeadlineAfter(10, TimeUnit.SECONDS).watchState(io.tradingbots.api.v1.WatchStateRequest.getDefaultInstance()).next();
            for (var b : first.getBotsList()) {
                out.printf("  bot %-10s %-8s %s %s, last decision %s: %s (%d trades)%n", b.getId(), b.getStatus().name().replace("BOT_STATUS_", ""),
                        b.getSymbol(), b.getTimeframe(), b.hasLastDecisionTime() ? java.time.Instant.ofEpochSecond(b.getLastDecisionTime().getSeconds()) : "-",
                        b.getLastSignal(), b.getTradeCount());
            }
        } finally {
            ch.shutdownNow();
        }
    }

    /** utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/pid/stat, after the command in parentheses). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long clockTicks() throws Exception {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        p.waitFor();
        return s.matches("\\d+") ? Long.parseLong(s) : 100;
    }

    private static String jcmd(long pid, String what) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IllegalStateException("jcmd not found at " + jcmd + ": run the benchmark with a JDK");
        }
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), what).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return s;
    }

    /** The heap's used kilobytes summed over its spaces ("total ...K, used ...K" lines), in MB. */
    static double usedMb(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        long kb = 0;
        boolean any = false;
        while (m.find()) {
            kb += Long.parseLong(m.group(1));
            any = true;
        }
        if (!any) {
            throw new IllegalStateException("cannot read GC.heap_info: " + heapInfo);
        }
        return kb / 1024.0;
    }

    private static String rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return line.substring(6).strip();
            }
        }
        return "unknown";
    }

    private static String tail(Path file) throws Exception {
        if (!Files.exists(file)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 15), lines.size())));
    }
}
