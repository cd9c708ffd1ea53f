package io.tradingbots.engine;

import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tradingbots.api.v1.TradingMode;
import io.tradingbots.engine.api.ApiServer;
import io.tradingbots.engine.api.EngineFacts;
import io.tradingbots.engine.api.GrpcBacktestService;
import io.tradingbots.engine.api.GrpcDeploymentService;
import io.tradingbots.engine.api.GrpcEngineService;
import io.tradingbots.engine.api.GrpcHistoryService;
import io.tradingbots.engine.api.GrpcRiskService;
import io.tradingbots.engine.agent.RegimeBoard;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.risk.DbRiskStore;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.backtest.BacktestJobs;
import io.tradingbots.engine.backtest.BacktestStore;
import io.tradingbots.engine.history.BinanceUsLive;
import io.tradingbots.engine.history.CandleHistory;
import io.tradingbots.engine.history.CandleStore;
import io.tradingbots.engine.history.FetchJobs;
import io.tradingbots.engine.history.XChangeBinanceUsMarketData;
import io.tradingbots.engine.api.GrpcBotService;
import io.tradingbots.engine.bot.BotEvents;
import io.tradingbots.engine.bot.BotPlan;
import io.tradingbots.engine.bot.BotPlanFile;
import io.tradingbots.engine.bot.BotRunner;
import io.tradingbots.engine.bot.EquityCurve;
import io.tradingbots.engine.bot.MarketClock;
import io.tradingbots.engine.bot.SymbolRules;
import io.tradingbots.engine.broker.ApiKeyFile;
import io.tradingbots.engine.broker.Broker;
import io.tradingbots.engine.broker.LatestPrices;
import io.tradingbots.engine.broker.OrderRouter;
import io.tradingbots.engine.broker.PaperBroker;
import io.tradingbots.engine.broker.RecoveryReport;
import io.tradingbots.engine.broker.XChangeBinanceUsBroker;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.datadir.DataDirectory;
import io.tradingbots.engine.deployment.DeploymentLayout;
import io.tradingbots.engine.deployment.Deployments;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.health.ExchangeCalls;
import io.tradingbots.engine.health.HealthMonitor;
import io.tradingbots.engine.market.MarketSource;
import io.tradingbots.engine.market.MarketSources;
import io.tradingbots.engine.state.StateHub;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.DaemonThreads;
import io.tradingbots.shared.HostPort;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running engine: data directory, database, market source, bots, state hub and API server,
 * started in that order and closed in reverse. Health turns SERVING only when all of it runs.
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final StateHub hub = new StateHub();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private DataDirectory dataDir;
    private ApiServer server;
    private long runId = -1;
    private Database db;
    private volatile FetchJobs historyJobs;
    private volatile RiskManager risk;
    private volatile RegimeBoard regimes;
    private volatile BacktestJobs backtests;
    private volatile BotRunner runner;
    private final BotEvents botEvents = new BotEvents();
    /** Every exchange call's count, errors and latency, for the health report. */
    private final ExchangeCalls exchangeCalls = new ExchangeCalls();
    private volatile io.tradingbots.engine.bot.SecondVenue secondVenue;

    /** Binance.US base URL for history fetch jobs: TB_BINANCEUS_URL, else the real one. */
    static String exchangeUrl() {
        String url = System.getenv("TB_BINANCEUS_URL");
        return url == null || url.isBlank() ? XChangeBinanceUsMarketData.DEFAULT_URL : url;
    }

    /** Kraken OHLC for the plan's arbitrage bots, polled in the background (TB_KRAKEN_URL points it elsewhere, e.g. at a fake); null without any. */
    private io.tradingbots.engine.bot.SecondVenue kraken(BotPlan plan) {
        java.util.Map<String, java.util.Set<Timeframe>> wanted = new java.util.TreeMap<>();
        for (io.tradingbots.engine.bot.BotSpec s : plan.bots()) {
            if (io.tradingbots.engine.strategy.Strategies.registry().get(s.strategy()).needsSecondSeries()) {
                wanted.computeIfAbsent(s.symbol(), k -> new java.util.TreeSet<>()).add(s.timeframe());
            }
        }
        if (wanted.isEmpty()) {
            return null; // no bot needs a second venue: nothing to poll
        }
        String url = System.getenv("TB_KRAKEN_URL");
        io.tradingbots.engine.bot.KrakenVenue venue = own(new io.tradingbots.engine.bot.KrakenVenue(url == null || url.isBlank() ? null : url,
                wanted, 10_000, 15_000, System::currentTimeMillis, exchangeCalls.endpoint(io.tradingbots.engine.bot.KrakenVenue.ENDPOINT)));
        log.info("arbitrage second venue: Kraken OHLC for {}", wanted);
        return venue.start();
    }

    public Engine(EngineConfig config) {
        this.config = config;
    }

    /**
     * Starts everything. {@code afterDataDir} runs once the data directory is locked (the command
     * line uses it to add the log file there). On failure, whatever started is closed again.
     */
    public Engine start(Consumer<DataDirectory> afterDataDir) {
        Instant startTime = Instant.now();
        CompletableFuture<Database> opening = null;
        try {
            InetAddress address = resolveLoopback(config.listen());
            dataDir = own(DataDirectory.open(config.dataDir()));
            afterDataDir.accept(dataDir);
            ApiToken token = dataDir.loadOrCreateToken();
            // Opening and migrating the database is the slowest step: it runs on the second core
            // while the market warms up and the API server binds its port.
            Path dbDir = dataDir.databaseDir();
            opening = CompletableFuture.supplyAsync(() -> Database.openFile(dbDir), Engine::startThread);
            MarketSource market = own(switch (config.market()) {
                case SIM -> MarketSources.simulated(config.seed(), config.speed());
                case REPLAY -> MarketSources.replay(config.replayFiles(), config.speed());
                case BINANCEUS -> BinanceUsLive.open(exchangeUrl(), config.seed(), config.speed(), exchangeCalls.endpoint(BinanceUsLive.ENDPOINT));
            });
            BuildInfo build = BuildInfo.current();

            ExecutorService streams = Executors.newFixedThreadPool(2, DaemonThreads.factory("state-stream"));
            resources.push(() -> shutdown(streams));
            EngineFacts facts = new EngineFacts(build.version(), build.commit(), build.buildTime(), startTime,
                    config.live() ? TradingMode.TRADING_MODE_LIVE : TradingMode.TRADING_MODE_PAPER, market.description(), dataDir.root().toString(), ProcessHandle.current().pid());
            ServerBuilder<?> builder = NettyServerBuilder.forAddress(new InetSocketAddress(address, config.listen().port()))
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true);
            ScheduledExecutorService historyTicker = DaemonThreads.scheduler("history-watch");
            resources.push(() -> shutdown(historyTicker));
            Deployments deployments = new Deployments(build.version(), DeploymentLayout.fromEnvironment());
            ScheduledExecutorService riskTicker = DaemonThreads.scheduler("risk-watch");
            resources.push(() -> shutdown(riskTicker));
            server = own(new ApiServer(builder, token, List.of(new GrpcEngineService(facts, hub, streams),
                    new GrpcHistoryService(() -> historyJobs, historyTicker), new GrpcDeploymentService(deployments),
                    new GrpcRiskService(() -> risk, orders -> {
                        BotRunner r = runner;
                        if (r != null) {
                            r.flatten(orders);
                        }
                    }, () -> regimes, riskTicker),
                    new GrpcBacktestService(() -> backtests), new GrpcBotService(() -> runner, botEvents, streams,
                            () -> historyJobs == null ? null : historyJobs.candles()))));
            startServer(); // health says NOT_SERVING until the end of start()

            db = own(join(opening));
            opening = null;
            runId = recordStart(build, market.description());
            historyJobs = own(new FetchJobs(new CandleHistory(new CandleStore(db)),
                    used -> new XChangeBinanceUsMarketData(exchangeUrl(), 15_000, used, exchangeCalls.endpoint("Binance.US history")), 0.95));
            // One backtest at a time: on a 2-core droplet the other core stays with live trading.
            backtests = own(new BacktestJobs(BacktestJobs.fromStore(new CandleHistory(new CandleStore(db))),
                    new BacktestStore(db), 1, System::currentTimeMillis));
            // A replay compresses days into minutes: its orders and risk days follow the replayed time.
            MarketClock marketClock = config.market() == EngineConfig.MarketKind.REPLAY ? new MarketClock(0) : null;
            java.time.Clock clock = marketClock != null ? marketClock : java.time.Clock.systemUTC();
            LatestPrices prices = new LatestPrices();
            PaperBroker.Settings paper = PaperBroker.Settings.defaults();
            Broker broker = config.live()
                    ? liveBroker(config.keysFile(), exchangeCalls.endpoint(XChangeBinanceUsBroker.ENDPOINT))
                    : new PaperBroker(prices, SymbolRules::paper, paper);
            OrderJournal journal = own(OrderJournal.open(db));
            OrderRouter router = new OrderRouter(journal, broker, prices, clock);
            RecoveryReport recovery = router.recover();
            recovery.actions().forEach(a -> log.info("recovery: {}", a));
            recovery.alerts().forEach(a -> log.warn("recovery alert: {}", a));
            recovery.halted().forEach((bot, why) -> log.warn("recovery: bot {} is halted: {}", bot, why));
            BotPlan plan = loadPlan(broker);
            risk = new RiskManager(RiskLimits.defaults(), new DbRiskStore(db), clock);
            // bots.json's "risk" section applies at start, validated and audited like a gRPC change (docs/risk.md)
            applyRiskSection(risk, config.plan() == null ? planFile() : null);
            EquityCurve curve = own(new EquityCurve(db));
            runner = new BotRunner(market, plan, config.plan() == null ? planFile() : null, router, journal, broker, prices,
                    marketClock, risk, hub, botEvents, curve, config.live() ? BigDecimal.ZERO : paper.slippageBps());
            if (!config.live() && plan.bots().stream().anyMatch(b -> "arbitrage".equals(b.strategy()))) {
                // paper arbitrage trades both legs: the second on its own paper venue at the second venue's prices (docs/bots.md)
                io.tradingbots.engine.bot.ArbitrageLegs legs = io.tradingbots.engine.bot.ArbitrageLegs.paper(journal, clock, paper);
                legs.recovery().actions().forEach(a -> log.info("recovery (second venue): {}", a));
                runner.useSecondLegs(legs);
            }
            Timeframe base = market.baseTimeframe();
            boolean hourly = Timeframe.H1.millis() >= base.millis() && Timeframe.H1.millis() % base.millis() == 0;
            RegimeBoard board = new RegimeBoard(base, hourly ? Timeframe.H1 : base);
            runner.useRegimeBoard(board);
            // live Binance.US candles only: simulated and replayed markets (and the simulation binanceus
            // falls back to when Binance.US cannot be reached) keep the synthetic venue, whose prices follow theirs
            if (config.market() == EngineConfig.MarketKind.BINANCEUS && market instanceof io.tradingbots.engine.market.LiveCandleMarket) {
                io.tradingbots.engine.bot.SecondVenue kraken = kraken(plan);
                if (kraken != null) {
                    runner.useSecondVenue(kraken);
                    secondVenue = kraken;
                }
            }
            // the allocation agent is opt-in: bots.json's "agent": {"enabled": true, ...} (docs/bots.md)
            io.tradingbots.engine.agent.AgentSettings agentSettings = config.plan() == null ? BotPlanFile.readAgent(planFile())
                    : io.tradingbots.engine.agent.AgentSettings.disabled();
            runner.useAgent(agentSettings);
            if (agentSettings.enabled()) {
                log.info("allocation agent on: {} points a step after {} regime candles, caps {}% (by bot {})", agentSettings.stepPoints(),
                        agentSettings.minCandles(), agentSettings.defaultCap(), agentSettings.caps());
            }
            regimes = board;
            // Closed first at shutdown (resources close in reverse): no candle may reach the bots once the
            // journal, the curve or the database are closing, or a clean stop could leave a bot halted.
            resources.push(market::close);
            runner.start();
            own(new HealthMonitor(market, hub, dataDir.root(), exchangeCalls, now -> {
                io.tradingbots.engine.bot.SecondVenue venue = secondVenue;
                return venue == null ? List.of() : venue.feeds(now);
            })).start();
            dataDir.writePort(server.port());
            server.markServing();
            log.info("engine {} serving on {}:{} ({} mode, {}, data in {})", build.version(),
                    config.listen().host(), server.port(), config.live() ? "LIVE" : "paper", market.description(), dataDir.root());
            return this;
        } catch (RuntimeException e) {
            if (opening != null) {
                // Never leave the database half-open behind a failed start.
                try {
                    own(join(opening));
                } catch (RuntimeException ignored) {
                    // the first failure is the one to report
                }
            }
            close();
            throw e;
        }
    }

    /** Applies the plan file's "risk" section, if any, to {@code risk}; a refused section fails the start. */
    public static void applyRiskSection(RiskManager risk, Path file) {
        if (file == null) {
            return;
        }
        io.tradingbots.engine.risk.RiskConfig section;
        try {
            section = BotPlanFile.readRisk(file);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), e);
        }
        if (section != null) {
            var changes = section.apply(risk, file);
            if (!changes.isEmpty()) {
                log.info("risk limits from {}: {} change(s)", file, changes.size());
            }
        }
    }

    private Path planFile() {
        return dataDir.root().resolve(BotPlanFile.FILE_NAME);
    }

    /** The plan given, else bots.json, else the default plan (written to bots.json); checked against the venue's symbols. */
    private BotPlan loadPlan(Broker broker) {
        BotPlan plan = config.plan();
        if (plan == null) {
            plan = BotPlanFile.readIfExists(planFile(), config.capital());
            if (plan == null) {
                plan = BotPlan.defaults(config.capital());
                BotPlanFile.write(planFile(), plan);
                log.info("no {}: wrote the default plan there ({})", planFile(), plan.ids());
            }
        }
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (var b : plan.bots()) {
            try {
                broker.filters(b.symbol());
                listed.add(b.symbol());
            } catch (RuntimeException e) {
                log.debug("{} is not listed at {}: {}", b.symbol(), broker.venue(), e.getMessage());
            }
        }
        return plan.validate(listed, broker::filters);
    }

    /** Binance.US with the keys of a 0600 file (TB_BINANCEUS_URL points it elsewhere, e.g. at a fake in tests). */
    private static Broker liveBroker(Path keysFile, ExchangeCalls.Endpoint calls) {
        ApiKeyFile keys = ApiKeyFile.read(keysFile);
        return new XChangeBinanceUsBroker(keys.apiKey(), keys.secretKey(), XChangeBinanceUsBroker.Settings.defaults().withBaseUrl(exchangeUrl()),
                calls);
    }

    private static Database join(CompletableFuture<Database> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static void startThread(Runnable r) {
        Thread t = new Thread(r, "engine-start-db");
        t.setDaemon(true);
        t.start();
    }

    private void startServer() {
        try {
            server.start();
        } catch (IOException e) {
            if (isAddressInUse(e)) {
                throw new EngineException("port " + config.listen().port() + " on " + config.listen().host()
                        + " is already in use (another engine?): stop it or pass --listen " + config.listen().host() + ":<free port>", e);
            }
            throw new EngineException("cannot listen on " + config.listen() + ": " + e.getMessage(), e);
        }
    }

    /** Netty's native transport reports a busy port with its own exception type, so look at messages too. */
    private static boolean isAddressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** The engine serves plaintext gRPC: it may listen on loopback only (reach it through SSH). */
    static InetAddress resolveLoopback(HostPort listen) {
        InetAddress address;
        try {
            address = InetAddress.getByName(listen.host());
        } catch (UnknownHostException e) {
            throw new EngineException("--listen " + listen + ": unknown host '" + listen.host() + "'");
        }
        if (!address.isLoopbackAddress()) {
            throw new EngineException("--listen " + listen + " is not a loopback address: the API is plaintext, so the engine"
                    + " listens on 127.0.0.1 only; reach it from elsewhere through an SSH tunnel");
        }
        return address;
    }

    private long recordStart(BuildInfo build, String market) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO engine_run (started_at, version, git_commit, mode, market)"
                     + " VALUES (?, ?, ?, '" + (config.live() ? "LIVE" : "PAPER") + "', ?)", new String[] {"ID"})) {
            s.setLong(1, System.currentTimeMillis());
            s.setString(2, build.version());
            s.setString(3, build.commit());
            s.setString(4, market.length() > 200 ? market.substring(0, 200) : market);
            s.executeUpdate();
            try (var keys = s.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new EngineException("cannot write to the database: " + e.getMessage(), e);
        }
    }

    private void recordStop() {
        if (runId < 0 || db == null) {
            return;
        }
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE engine_run SET stopped_at = ? WHERE id = ?")) {
            s.setLong(1, System.currentTimeMillis());
            s.setLong(2, runId);
            s.executeUpdate();
        } catch (SQLException e) {
            log.warn("could not record the engine stop: {}", e.getMessage());
        }
    }

    public int port() {
        return server.port();
    }

    public StateHub hub() {
        return hub;
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    private static void shutdown(ExecutorService executor) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(1, TimeUnit.SECONDS);
    }

    /** Stops in reverse start order; safe to call twice. */
    @Override
    public synchronized void close() {
        // The database must still be open to record the stop: close what runs on it first.
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            if (r == db) {
                recordStop();
            }
            try {
                r.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
        if (db != null || dataDir != null) {
            log.info("engine stopped");
        }
        db = null;
        dataDir = null;
    }
}
