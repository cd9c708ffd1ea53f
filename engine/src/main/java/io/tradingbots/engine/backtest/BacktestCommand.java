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

    @Option(names = "--agent", description = {"The whole default plan (five bots) as one portfolio, the agent's allocation next to the",
            "fixed one, out of sample (docs/risk.md). BTC/USD from --file (or the store), ETH/USD from --eth-file (or the store)."})
    boolean agent;

    @Option(names = "--eth-file", paramLabel = "FILE", description = "--agent: the ETH/USD candles, from a file.")
    Path ethFile;

    @Option(names = "--synthetic", paramLabel = "BARS", description = "--agent: seeded synthetic BTC/ETH bars instead of real ones (a demo).")
    Integer synthetic;

    @Option(names = "--warmup", defaultValue = "0.3", description = "--agent: the first fraction of the bars, for warm-up only (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--plan", paramLabel = "FILE", description = "--agent: a bots.json (its bots and \"agent\" caps) instead of the default plan.")
    Path planFile;

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
        if (agent) {
            return agent();
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

    private Integer agent() {
        if (strategy != null) {
            throw new IllegalArgumentException("--agent runs the plan's own strategies: leave out --strategy");
        }
        BacktestRequest.checkFee(fee);
        io.tradingbots.engine.bot.BotPlan plan = io.tradingbots.engine.bot.BotPlan.defaults(java.math.BigDecimal.valueOf(capital));
        io.tradingbots.engine.agent.AgentSettings settings = io.tradingbots.engine.agent.AgentSettings.enabledDefaults();
        if (planFile != null) {
            plan = io.tradingbots.engine.bot.BotPlanFile.readIfExists(planFile, java.math.BigDecimal.valueOf(capital));
            if (plan == null) {
                throw new EngineException("no such file: " + planFile);
            }
            io.tradingbots.engine.agent.AgentSettings a = io.tradingbots.engine.bot.BotPlanFile.readAgent(planFile);
            settings = new io.tradingbots.engine.agent.AgentSettings(true, a.stepPoints(), a.minCandles(), a.defaultCap(), a.caps());
        }
        Bars btc;
        Bars eth;
        String source;
        if (synthetic != null) {
            if (synthetic < 100) {
                throw new IllegalArgumentException("--synthetic needs at least 100 bars, got " + synthetic);
            }
            io.tradingbots.engine.market.Timeframe tf = data.timeframe == null ? io.tradingbots.engine.market.Timeframe.H1 : data.tf();
            btc = SyntheticBars.generate("BTC/USD", tf, synthetic, 7, 1_500_000_000_000L);
            eth = SyntheticBars.generate("ETH/USD", tf, synthetic, 11, 1_500_000_000_000L);
            source = "synthetic bars (seeds 7 and 11)";
        } else {
            io.tradingbots.engine.market.Timeframe tf = data.tf();
            io.tradingbots.engine.history.TimeRange range = data.range();
            if ((data.file == null) != (ethFile == null)) {
                throw new IllegalArgumentException("give both --file (BTC/USD) and --eth-file (ETH/USD), or neither (the store)");
            }
            if (data.file != null) {
                btc = DataOptions.fromFile(data.file, "BTC/USD", tf, range);
                eth = DataOptions.fromFile(ethFile, "ETH/USD", tf, range);
                source = data.file.getFileName() + " + " + ethFile.getFileName();
            } else {
                try (io.tradingbots.engine.history.LocalHistory h = io.tradingbots.engine.history.LocalHistory.open(data.dataDir)) {
                    io.tradingbots.engine.history.SeriesKey kb = h.history().resolve(data.exchange, "BTC/USD", tf);
                    io.tradingbots.engine.history.SeriesKey ke = h.history().resolve(data.exchange, "ETH/USD", tf);
                    btc = DataOptions.fromStore(h, kb, range);
                    eth = DataOptions.fromStore(h, ke, range);
                    source = kb + " + " + ke;
                }
            }
        }
        AgentBacktest.Outcome o = AgentBacktest.run(btc, eth, plan, settings, fee, slippageBps, warmup);
        printAgent(spec.commandLine().getOut(), o, plan, source);
        return 0;
    }

    static void printAgent(java.io.PrintWriter out, AgentBacktest.Outcome o, io.tradingbots.engine.bot.BotPlan plan, String source) {
        out.printf(Locale.ROOT, "Portfolio backtest, %s: %,d bars warm-up, then %,d bars out of sample (%s .. %s)%n", source,
                o.warmupBars(), o.bars(), java.time.Instant.ofEpochMilli(o.firstOpenTime()), java.time.Instant.ofEpochMilli(o.lastOpenTime()));
        out.printf(Locale.ROOT, "%-22s %12s %12s%n", "", "fixed", "agent");
        row(out, "final equity", o.fixed().metrics().finalEquity(), o.agent().metrics().finalEquity(), "%.2f");
        row(out, "return %", o.fixed().metrics().totalReturn() * 100, o.agent().metrics().totalReturn() * 100, "%.2f");
        row(out, "max drawdown %", o.fixed().metrics().maxDrawdown() * 100, o.agent().metrics().maxDrawdown() * 100, "%.2f");
        row(out, "Sharpe (annualised)", o.fixed().metrics().sharpe(), o.agent().metrics().sharpe(), "%.2f");
        row(out, "fees", o.fixed().metrics().feesPaid(), o.agent().metrics().feesPaid(), "%.2f");
        StringBuilder start = new StringBuilder();
        plan.bots().forEach(b -> start.append(start.length() == 0 ? "" : ", ").append(b.id()).append(' ')
                .append(b.sharePercent().stripTrailingZeros().toPlainString()).append('%'));
        StringBuilder end = new StringBuilder();
        o.finalWeights().forEach((id, w) -> end.append(end.length() == 0 ? "" : ", ").append(id).append(' ')
                .append(String.format(Locale.ROOT, "%.1f%%", w)));
        out.println("fixed weights: " + start);
        out.println("agent weights at the end: " + end + " (" + o.changes().size() + " changes; " + o.restrictedBars()
                + " bars with the risk manager restricting)");
        o.changes().stream().limit(5).forEach(c -> out.println("  " + c));
        out.println("Result: " + o.verdict() + ".");
    }

    private static void row(java.io.PrintWriter out, String name, double fixed, double agent, String fmt) {
        out.printf(Locale.ROOT, "%-22s %12s %12s%n", name, String.format(Locale.ROOT, fmt, fixed), String.format(Locale.ROOT, fmt, agent));
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
