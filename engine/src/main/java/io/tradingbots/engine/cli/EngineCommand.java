package io.tradingbots.engine.cli;

import io.tradingbots.engine.Engine;
import io.tradingbots.engine.EngineConfig;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.HostPort;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "engine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the trading engine and its bots (<data-dir>/bots.json, the default plan when absent; see docs/bots.md)"
                + " and serve its gRPC API until stopped (Ctrl+C or SIGTERM).",
                "On first start it creates <data-dir>/api-token (0600): every API call needs 'authorization: Bearer <token>'."})
final class EngineCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:50051",
            description = "Loopback address to serve on (default: ${DEFAULT-VALUE}). Port 0 picks a free port,"
                    + " written to <data-dir>/engine.port.")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Database, logs and API token (default: ~/.tradingbots).")
    Path dataDir;

    @Option(names = "--market", paramLabel = "SOURCE", defaultValue = "sim",
            description = "Market data: 'sim' (seeded simulation, no network), 'replay' (stored candles) or 'binanceus'"
                    + " (live 1m candles from Binance.US, falling back to sim when unreachable). Default: ${DEFAULT-VALUE}.")
    String market;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated market (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "60",
            description = "Market seconds per wall-clock second for sim and replay (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--replay", paramLabel = "SYMBOL=FILE",
            description = "Candle file to replay for a symbol, e.g. BTC/USD=btc-1m.csv (repeatable).")
    Map<String, Path> replay = new LinkedHashMap<>();

    @Option(names = "--capital", defaultValue = "1000", description = "Paper capital in USD (default: ${DEFAULT-VALUE}).")
    BigDecimal capital;

    @Option(names = "--mode", defaultValue = "paper",
            description = "'paper' (default: the paper broker fills against the market) or 'live' (real orders on Binance.US;"
                    + " needs --market binanceus and --keys).")
    String mode;

    @Option(names = "--keys", paramLabel = "FILE",
            description = "Live mode: Binance.US API keys, a file only you can read (chmod 600) with apiKey=... and secretKey=...")
    Path keys;

    @Override
    public Integer call() throws Exception {
        if (!"paper".equals(mode) && !"live".equals(mode)) {
            throw new IllegalArgumentException("--mode " + mode + ": use 'paper' or 'live'");
        }
        if ("paper".equals(mode) && keys != null) {
            throw new IllegalArgumentException("--keys is for --mode live only");
        }
        EngineConfig.MarketKind kind = switch (market) {
            case "sim" -> EngineConfig.MarketKind.SIM;
            case "replay" -> EngineConfig.MarketKind.REPLAY;
            case "binanceus" -> EngineConfig.MarketKind.BINANCEUS;
            default -> throw new IllegalArgumentException("--market " + market + ": use 'sim' or 'replay' (or 'binanceus' for live Binance.US candles)");
        };
        if (kind == EngineConfig.MarketKind.SIM && !replay.isEmpty()) {
            throw new IllegalArgumentException("--replay needs --market replay");
        }
        if ("live".equals(mode) && keys != null) {
            io.tradingbots.engine.broker.ApiKeyFile.read(keys); // a readable-by-others or malformed key file stops us before anything starts
        }
        HostPort address = HostPort.parse(listen);
        EngineConfig config = new EngineConfig(dataDir == null ? ApiToken.defaultDataDir() : dataDir, address, kind, seed,
                speed, replay, capital, null, "live".equals(mode), keys);

        LogSetup.engineConsole();
        Engine engine = new Engine(config).start(dir -> LogSetup.engineFile(dir.logsDir()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "engine-shutdown"));
        stopped.await();
        return 0;
    }
}
