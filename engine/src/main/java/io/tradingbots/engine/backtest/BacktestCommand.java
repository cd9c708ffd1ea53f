package io.tradingbots.engine.backtest;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.strategy.Params;
import io.tradingbots.engine.strategy.Strategies;
import io.tradingbots.engine.strategy.StrategyDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tb backtest}: one strategy over stored (or file) candles, next to buy-and-hold. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backtest a strategy on stored candles (or a candle file), next to buy-and-hold.",
                "Decides at each bar's close and fills at the next bar's open; see docs/backtesting.md.",
                "Strategies: sma-cross, scalp, momentum, arbitrage, hedge (docs/strategies.md)."})
public final class BacktestCommand implements Callable<Integer> {

    @Option(names = "--strategy", description = "Strategy name (--list shows them with their parameters).")
    String strategy;

    @Option(names = "--list", description = "List the strategies, their parameters, defaults and ranges, and exit.")
    boolean list;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A strategy parameter (repeat); others take their defaults.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--fee", defaultValue = "0.001", description = "Fee per fill as a fraction, in [0, 0.1) (default: ${DEFAULT-VALUE}).")
    double fee;

    @Option(names = "--capital", defaultValue = "1000", description = "Starting cash (default: ${DEFAULT-VALUE}).")
    double capital;

    @Option(names = "--slippage-bps", defaultValue = "0", description = "Fill price moved against each trade, basis points (default: ${DEFAULT-VALUE}).")
    double slippageBps;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to this file.")
    Path json;

    @Option(names = "--trades", defaultValue = "20", description = "Trades listed in the report (default: ${DEFAULT-VALUE}).")
    int tradesShown;

    @Option(names = "--engine", defaultValue = "auto",
            description = "auto (array fast path for sma-cross, else ta4j), ta4j or fast (default: ${DEFAULT-VALUE}).")
    String engine;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    static BacktestRequest.Engine engine(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> BacktestRequest.Engine.AUTO;
            case "ta4j" -> BacktestRequest.Engine.TA4J;
            case "fast" -> BacktestRequest.Engine.FAST;
            default -> throw new IllegalArgumentException("--engine " + text + ": use auto, ta4j or fast");
        };
    }

    @Override
    public Integer call() {
        if (list) {
            listStrategies(spec.commandLine().getOut());
            return 0;
        }
        if (strategy == null) {
            throw new IllegalArgumentException("give --strategy NAME: one of " + Strategies.registry().names() + " (--list for details)");
        }
        // everything that can be wrong with the command line is reported before any candle is read
        StrategyDef def = Strategies.registry().get(strategy);
        Params p = Strategies.registry().resolve(strategy, params);
        BacktestRequest.checkFee(fee);
        BacktestRequest.Engine e = engine(engine);
        data.check(def.needsSecondSeries());
        DataOptions.Loaded loaded = data.load(def.needsSecondSeries());
        if (loaded.bars().size() < 2) {
            throw new EngineException("only " + loaded.bars().size() + " candle in that range: a backtest needs at least 2");
        }
        BacktestRequest req = new BacktestRequest(loaded.bars(), loaded.second(), strategy, p, fee, capital, slippageBps, 0,
                loaded.bars().size(), e);
        BacktestResult r = new BacktestRunner().run(req);
        Report.print(spec.commandLine().getOut(), r, req, loaded.source(), tradesShown);
        if (json != null) {
            write(json, r.toJsonText());
            spec.commandLine().getOut().println("JSON written to " + json);
        }
        return 0;
    }

    static void listStrategies(java.io.PrintWriter out) {
        for (StrategyDef d : Strategies.registry().all()) {
            out.println(d.name() + ": " + d.summary());
            for (io.tradingbots.engine.strategy.ParamDef p : d.params()) {
                out.printf(Locale.ROOT, "  %-14s default %-10s %-32s %s%n", p.name(), p.defaultValue(), p.range(), p.description());
            }
        }
        out.println("(details: docs/strategies.md)");
    }

    static void write(Path file, String text) {
        Path tmp = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new EngineException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
