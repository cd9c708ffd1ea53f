package io.tradingbots.engine.bot;

import io.tradingbots.engine.bench.CandleFeed;
import io.tradingbots.engine.broker.Broker;
import io.tradingbots.engine.broker.LatestPrices;
import io.tradingbots.engine.broker.OrderRouter;
import io.tradingbots.engine.broker.PaperBroker;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.risk.DbRiskStore;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.state.StateHub;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One engine's worth of runtime on a database, driven synchronously: what a restart rebuilds from. */
final class RuntimeHarness implements AutoCloseable {

    final OrderJournal journal;
    final OrderRouter router;
    /** Paper mode: the arbitrage bots' second-venue books (null live). */
    final ArbitrageLegs legs;
    final BotRunner runner;
    final BotEvents events = new BotEvents();
    final StateHub hub = new StateHub();
    final EquityCurve curve;

    RuntimeHarness(Database db, BotPlan plan, Function<Broker, Broker> wrap) {
        this(db, plan, wrap, null);
    }

    /** With {@code venue} (null: the default) as the arbitrage bots' second venue. */
    RuntimeHarness(Database db, BotPlan plan, Function<Broker, Broker> wrap, SecondVenue venue) {
        this(db, plan, wrap, venue, PaperBroker.Settings.defaults(), b -> b);
    }

    /** With the paper brokers' {@code settings}, and {@code wrapSecond} around the second venue's paper broker. */
    RuntimeHarness(Database db, BotPlan plan, Function<Broker, Broker> wrap, SecondVenue venue, PaperBroker.Settings settings,
                   Function<Broker, Broker> wrapSecond) {
        LatestPrices prices = new LatestPrices();
        MarketClock clock = new MarketClock(0);
        Broker broker = wrap.apply(new PaperBroker(prices, SymbolRules::paper, settings));
        journal = OrderJournal.open(db);
        router = new OrderRouter(journal, broker, prices, clock);
        router.recover();
        RiskManager risk = new RiskManager(RiskLimits.defaults(), new DbRiskStore(db), clock);
        curve = new EquityCurve(db);
        runner = new BotRunner(CandleFeed.driven(List.of("BTC/USD", "ETH/USD")), plan, null, router, journal, broker, prices, clock, risk,
                hub, events, curve, settings.slippageBps());
        if (venue != null) {
            runner.useSecondVenue(venue);
        }
        // as the engine: in paper mode arbitrage trades both legs
        legs = broker.isLive() ? null
                : new ArbitrageLegs(journal, clock, p -> wrapSecond.apply(new PaperBroker(p, SymbolRules::paper, settings)));
        if (legs != null) {
            runner.useSecondLegs(legs);
        }
        runner.start();
    }

    RuntimeHarness(Database db, BotPlan plan) {
        this(db, plan, b -> b);
    }

    void drive(Map<String, List<Candle>> candles) {
        CandleFeed.drive(runner, candles);
    }

    Map<String, BotState> states(BotPlan plan) {
        Map<String, BotState> out = new LinkedHashMap<>();
        plan.ids().forEach(id -> out.put(id, router.state(id)));
        if (legs != null) {
            plan.ids().forEach(id -> {
                if (legs.router().bots().contains(ArbitrageLegs.book(id))) {
                    out.put(ArbitrageLegs.book(id), legs.router().state(ArbitrageLegs.book(id)));
                }
            });
        }
        return out;
    }

    static Map<String, List<Candle>> market(int n) {
        long start = 1_700_006_400_000L; // 2023-11-15 00:00 UTC
        Map<String, List<Candle>> m = new LinkedHashMap<>();
        m.put("BTC/USD", CandleFeed.synthetic("BTC/USD", n, 7, start, 37_000));
        m.put("ETH/USD", CandleFeed.synthetic("ETH/USD", n, 11, start, 2_000));
        return m;
    }

    /** The default plan on timeframes a short run decides on often. */
    static BotPlan fastPlan() {
        return new BotPlan(new java.math.BigDecimal("1000"), List.of(
                spec("sma-core", "sma-cross", Map.of("fast", "5", "slow", "20"), "BTC/USD", "1m", "30"),
                spec("scalp", "scalp", Map.of(), "ETH/USD", "5m", "25"),
                spec("momentum", "momentum", Map.of("fast", "6", "slow", "24"), "BTC/USD", "5m", "25"),
                spec("arbitrage", "arbitrage", Map.of(), "ETH/USD", "1m", "15"),
                spec("hedge", "hedge", Map.of("fast", "5", "slow", "20", "volWindow", "30"), "ETH/USD", "1m", "5")));
    }

    static BotSpec spec(String id, String strategy, Map<String, String> params, String symbol, String tf, String share) {
        return new BotSpec(id, null, strategy, params, symbol, io.tradingbots.engine.market.Timeframe.parse(tf),
                new java.math.BigDecimal(share), null);
    }

    @Override
    public void close() {
        curve.close();
        journal.close();
    }
}
