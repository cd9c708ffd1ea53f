package io.tradingbots.engine.bench;

import io.tradingbots.engine.bot.ArbitrageLegs;
import io.tradingbots.engine.bot.BotEvents;
import io.tradingbots.engine.bot.BotPlan;
import io.tradingbots.engine.bot.BotRunner;
import io.tradingbots.engine.bot.BotSpec;
import io.tradingbots.engine.bot.EquityCurve;
import io.tradingbots.engine.bot.MarketClock;
import io.tradingbots.engine.bot.SymbolRules;
import io.tradingbots.engine.broker.LatestPrices;
import io.tradingbots.engine.broker.OrderRouter;
import io.tradingbots.engine.broker.PaperBroker;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.risk.DbRiskStore;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.state.StateHub;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The multi-bot runtime end to end: the default plan's five bots (or, with --fast-plan, the same
 * strategies and shares on 1m and 5m with short averages, which trade far more often) on BTC/USD and ETH/USD, seeded 1m candles delivered as a
 * replay delivers them, through the strategies, the risk check, the paper broker and the order
 * journal in a database on disk (every order committed before it counts). The risk manager has
 * the default limits except the per-bot drawdown (99%), so that losing bots keep trading.
 */
@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "Five bots on two symbols on an accelerated replay: candles per second through strategies, risk, paper broker and journal.")
final class RuntimeBench implements Callable<Integer> {

    @Option(names = "--candles", defaultValue = "100000", description = "1m candles per symbol (default: ${DEFAULT-VALUE}).")
    int candles;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the benchmark database goes (default: a temporary directory, deleted after).")
    Path dir;

    @Option(names = "--fast-plan", description = "The five bots on 1m and 5m with short averages (many more orders) instead of the default plan.")
    boolean fast;

    @Spec
    CommandSpec spec;

    static BotPlan plan() {
        BigDecimal capital = new BigDecimal("1000");
        return new BotPlan(capital, List.of(
                bot("sma-core", "sma-cross", Map.of("fast", "5", "slow", "20"), "BTC/USD", Timeframe.M1, 30),
                bot("scalp", "scalp", Map.of(), "ETH/USD", Timeframe.M5, 25),
                bot("momentum", "momentum", Map.of("fast", "6", "slow", "24"), "BTC/USD", Timeframe.M5, 25),
                bot("arbitrage", "arbitrage", Map.of(), "ETH/USD", Timeframe.M1, 15),
                bot("hedge", "hedge", Map.of("fast", "5", "slow", "20", "volWindow", "30"), "ETH/USD", Timeframe.M1, 5)));
    }

    private static BotSpec bot(String id, String strategy, Map<String, String> params, String symbol, Timeframe tf, int share) {
        return new BotSpec(id, null, strategy, params, symbol, tf, BigDecimal.valueOf(share), null);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (candles < 1_000) {
            throw new IllegalArgumentException("--candles must be at least 1000, got " + candles);
        }
        long start = 1_700_006_400_000L;
        Map<String, List<Candle>> market = new LinkedHashMap<>();
        market.put("BTC/USD", CandleFeed.synthetic("BTC/USD", candles, 7, start, 37_000));
        market.put("ETH/USD", CandleFeed.synthetic("ETH/USD", candles, 11, start, 2_000));
        Path root = dir != null ? dir : Files.createTempDirectory("tb-bench-runtime");
        BotPlan plan = fast ? plan() : BotPlan.defaults(new BigDecimal("1000"));
        try (Database db = Database.openFile(root.resolve("db")); OrderJournal journal = OrderJournal.open(db);
             EquityCurve curve = new EquityCurve(db)) {
            LatestPrices prices = new LatestPrices();
            MarketClock clock = new MarketClock(0);
            PaperBroker.Settings settings = PaperBroker.Settings.defaults();
            PaperBroker broker = new PaperBroker(prices, SymbolRules::paper, settings);
            OrderRouter router = new OrderRouter(journal, broker, prices, clock);
            // the default limits, except the per-bot drawdown: the seeded walk would stop the losing bots early and leave little to measure
            RiskLimits d = RiskLimits.defaults();
            RiskLimits limits = new RiskLimits(d.dailyLossPercent(), d.entryBufferPercent(), BigDecimal.valueOf(99), d.coinExposurePercent(),
                    d.totalExposurePercent(), d.maxOrderNotional(), d.maxOrdersPerMinute(), d.minOrderNotional());
            RiskManager risk = new RiskManager(limits, new DbRiskStore(db), clock);
            BotRunner runner = new BotRunner(CandleFeed.driven(List.copyOf(market.keySet())), plan, null, router, journal, broker, prices,
                    clock, risk, new StateHub(), new BotEvents(), curve, settings.slippageBps());
            runner.useSecondLegs(ArbitrageLegs.paper(journal, clock, settings)); // as the paper engine: arbitrage trades both legs
            runner.start();
            System.gc();
            long heapBefore = heapUsed();
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long delivered = CandleFeed.drive(runner, market);
            curve.flush();
            long ns = System.nanoTime() - t0;
            long cpuNs = threads.getCurrentThreadCpuTime() - cpu0;
            long heapAfterRun = heapUsed();
            System.gc();
            long heapLive = heapUsed();
            long orders = 0;
            long fills = 0;
            StringBuilder perBot = new StringBuilder();
            for (BotSpec b : plan.bots()) {
                var st = runner.detail(b.id()); // arbitrage: both venues' books
                orders += st.orderCount();
                fills += st.fillCount();
                perBot.append(String.format(Locale.ROOT, "  %-9s %5d orders %5d fills, cash %s%n", b.id(), st.orderCount(), st.fillCount(),
                        st.cash().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()));
            }
            double seconds = ns / 1e9;
            out.printf(Locale.ROOT, "runtime (%s): %,d candles (%,d per symbol, 1m) through 5 bots in %.2f s: %,.0f candles/s%n",
                    fast ? "fast plan" : "default plan", delivered, candles, seconds, delivered / seconds);
            out.printf(Locale.ROOT, "  the market thread used %.2f s of CPU: %,.0f candles per CPU-second (what a free core would do, disk waits aside)%n",
                    cpuNs / 1e9, delivered / (cpuNs / 1e9));
            out.printf(Locale.ROOT, "  %,d orders, %,d fills journaled (each committed on disk before it counted): %,.0f orders/s%n",
                    orders, fills, orders / seconds);
            out.print(perBot);
            out.printf(Locale.ROOT, "  heap used: %.1f MB before, %.1f MB at the end (garbage included), %.1f MB live after GC%n",
                    heapBefore / 1e6, heapAfterRun / 1e6, heapLive / 1e6);
            out.printf(Locale.ROOT, "  (Java %s, %d cores; machine shared: compare runs, not absolutes)%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            out.flush();
        } finally {
            if (dir == null) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return 0;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
