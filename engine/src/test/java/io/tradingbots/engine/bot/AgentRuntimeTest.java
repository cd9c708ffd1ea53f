package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.agent.AgentSettings;
import io.tradingbots.engine.agent.RegimeBoard;
import io.tradingbots.engine.bench.CandleFeed;
import io.tradingbots.engine.broker.LatestPrices;
import io.tradingbots.engine.broker.OrderRouter;
import io.tradingbots.engine.broker.PaperBroker;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.risk.DbRiskStore;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.state.StateHub;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocation agent inside the runtime: regime readings from the runner's own candles move the bots' shares. */
class AgentRuntimeTest {

    private static final int CANDLES = 1_500;
    private static final long START = 1_700_006_400_000L;
    private static final AgentSettings AGENT = new AgentSettings(true, 3, 5, 40, Map.of("hedge", 20.0));

    /** A market that ranges tightly for 600 minutes, then trends up steadily (ETH) or down (BTC), with seeded noise. */
    static Map<String, List<Candle>> rangingThenTrending() {
        Map<String, List<Candle>> m = new LinkedHashMap<>();
        m.put("BTC/USD", series("BTC/USD", 37_000, -0.0015, 3));
        m.put("ETH/USD", series("ETH/USD", 2_000, 0.0015, 5));
        return m;
    }

    private static List<Candle> series(String symbol, double start, double drift, long seed) {
        Random rnd = new Random(seed);
        List<Candle> out = new ArrayList<>();
        double prev = start;
        for (int i = 0; i < CANDLES; i++) {
            double close = i < 600 ? start * (1 + 0.004 * Math.sin(i / 4.0)) * (1 + 0.0005 * rnd.nextGaussian())
                    : prev * Math.exp(drift + 0.0006 * rnd.nextGaussian());
            double hi = Math.max(prev, close) * 1.0004;
            double lo = Math.min(prev, close) * 0.9996;
            out.add(new Candle(symbol, Timeframe.M1, START + i * 60_000L, bd(prev), bd(hi), bd(lo), bd(close), BigDecimal.ONE));
            prev = close;
        }
        return out;
    }

    private static BigDecimal bd(double v) {
        return BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_EVEN);
    }

    private record Run(BotRunner runner, OrderJournal journal, RiskManager risk, List<BotEvent> events, EquityCurve curve) {}

    private static Run run(Database db, BotPlan plan, Path planFile, AgentSettings agent) {
        LatestPrices prices = new LatestPrices();
        MarketClock clock = new MarketClock(0);
        PaperBroker.Settings settings = PaperBroker.Settings.defaults();
        PaperBroker broker = new PaperBroker(prices, SymbolRules::paper, settings);
        OrderJournal journal = OrderJournal.open(db);
        OrderRouter router = new OrderRouter(journal, broker, prices, clock);
        router.recover();
        RiskManager risk = new RiskManager(RiskLimits.defaults(), new DbRiskStore(db), clock);
        EquityCurve curve = new EquityCurve(db);
        BotEvents events = new BotEvents();
        List<BotEvent> seen = new CopyOnWriteArrayList<>();
        events.subscribe(seen::add);
        BotRunner runner = new BotRunner(CandleFeed.driven(List.of("BTC/USD", "ETH/USD")), plan, planFile, router, journal, broker, prices,
                clock, risk, new StateHub(), events, curve, settings.slippageBps());
        runner.useRegimeBoard(new RegimeBoard(Timeframe.M1, Timeframe.M1));
        runner.useAgent(agent);
        return new Run(runner, journal, risk, seen, curve);
    }

    private static List<BotEvent> agentEvents(List<BotEvent> events) {
        return events.stream().filter(e -> e.kind() == BotEvent.Kind.STATUS && e.text().startsWith("agent: allocation")).toList();
    }

    @Test
    void regimesMoveCapitalGraduallyWithinCapsThroughTheJournalAndEachMoveSaysWhy(@TempDir Path dir) throws Exception {
        BotPlan plan = RuntimeHarness.fastPlan();
        Path planFile = dir.resolve("bots.json");
        Files.writeString(planFile, BotPlanFile.format(plan).replaceFirst("\\{", "{\n  \"agent\": {\"enabled\": true, \"step\": 3},"));
        try (Database db = Database.inMemory("agent-" + System.nanoTime())) {
            Run r = run(db, plan, planFile, AGENT);
            r.runner().start();
            CandleFeed.drive(r.runner(), rangingThenTrending());
            List<BotEvent> moves = agentEvents(r.events());
            assertThat(moves).as("the agent moved capital").isNotEmpty();
            // every move names the regime and the numbers behind it, and the old and new share
            for (BotEvent e : moves) {
                assertThat(e.text()).matches("agent: allocation [0-9.]+% -> [0-9.]+% \\([0-9.]+ USD\\): (BTC|ETH)/USD "
                        + "(trending up|trending down|ranging|in high volatility) for \\d+ (min|h|days), volatility in \\d+(st|nd|rd|th) percentile");
            }
            assertThat(moves).anyMatch(e -> e.text().contains("ranging"));
            assertThat(moves).anyMatch(e -> e.text().contains("trending"));
            // gradual: no single move of more than the 3-point step (plus rounding)
            for (BotEvent e : moves) {
                String[] pct = e.text().replaceAll("^agent: allocation ([0-9.]+)% -> ([0-9.]+)%.*$", "$1 $2").split(" ");
                assertThat(Math.abs(Double.parseDouble(pct[1]) - Double.parseDouble(pct[0]))).as(e.text()).isLessThanOrEqualTo(3.01);
            }
            BotPlan now = r.runner().plan();
            assertThat(now.totalSharePercent()).isLessThanOrEqualTo(BigDecimal.valueOf(100));
            for (BotSpec s : now.bots()) {
                assertThat(s.sharePercent().doubleValue()).as(s.id()).isLessThanOrEqualTo(AGENT.capOf(s.id()));
            }
            assertThat(now.bots()).extracting(BotSpec::sharePercent).isNotEqualTo(plan.bots().stream().map(BotSpec::sharePercent).toList());
            // the journal funded each bot exactly its current share: the plan's funding plus every move's difference
            for (BotSpec s : now.bots()) {
                BigDecimal funded = r.journal().readAll().stream().filter(e -> e.kind() == JournalEvent.Kind.FUNDS && e.botId().equals(s.id()))
                        .map(JournalEvent::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(funded).as(s.id()).isEqualByComparingTo(now.capitalOf(s));
            }
            // saved to bots.json, and the operator's agent section kept
            assertThat(BotPlanFile.readIfExists(planFile, BigDecimal.ONE)).isEqualTo(now);
            assertThat(BotPlanFile.readAgent(planFile).stepPoints()).isEqualTo(3.0);
            r.curve().close();
            r.journal().close();
        }
    }

    @Test
    void nothingMovesWhileTheRiskManagerRestrictsNorWhenTheAgentIsOff() {
        BotPlan plan = RuntimeHarness.fastPlan();
        try (Database db = Database.inMemory("agent-halted-" + System.nanoTime())) {
            Run r = run(db, plan, null, AGENT);
            r.risk().halt("operator test", "test", false);
            assertThat(r.risk().restricting()).isTrue();
            r.runner().start();
            CandleFeed.drive(r.runner(), rangingThenTrending());
            assertThat(agentEvents(r.events())).isEmpty();
            assertThat(r.runner().plan()).isEqualTo(plan);
            r.curve().close();
            r.journal().close();
        }
        try (Database db = Database.inMemory("agent-off-" + System.nanoTime())) {
            Run r = run(db, plan, null, AgentSettings.disabled());
            r.runner().start();
            CandleFeed.drive(r.runner(), rangingThenTrending());
            assertThat(agentEvents(r.events())).isEmpty();
            assertThat(r.runner().plan()).isEqualTo(plan);
            r.curve().close();
            r.journal().close();
        }
    }

    @Test
    void theAgentSectionIsOptInAndBadValuesAreRefusedByName() {
        assertThat(BotPlanFile.parseAgent("{\"bots\": []}").enabled()).isFalse();
        assertThat(BotPlanFile.parseAgent("{\"agent\": {}}").enabled()).as("a section without enabled: true is off").isFalse();
        AgentSettings a = BotPlanFile.parseAgent("{\"agent\": {\"enabled\": true, \"caps\": {\"scalp\": 35}, \"minCandles\": 24}}");
        assertThat(a.enabled()).isTrue();
        assertThat(a.capOf("scalp")).isEqualTo(35.0);
        assertThat(a.capOf("momentum")).isEqualTo(40.0);
        assertThat(a.minCandles()).isEqualTo(24);
        assertThatThrownBy(() -> BotPlanFile.parseAgent("{\"agent\": {\"enabled\": true, \"caps\": {\"scalp\": 120}}}"))
                .hasMessage("agent: cap of bot scalp must be in (0, 100] percent, got 120.0");
        assertThatThrownBy(() -> BotPlanFile.parseAgent("{\"agent\": {\"enabled\": \"yes\"}}"))
                .hasMessage("agent: \"enabled\" must be true or false");
        assertThatThrownBy(() -> BotPlanFile.parseAgent("{\"agent\": {\"stepp\": 2}}")).hasMessageStartingWith("agent: unknown key \"stepp\"");
        assertThat(BotPlanFile.parse(BotPlanFile.format(RuntimeHarness.fastPlan()).replaceFirst("\\{", "{\"agent\": {\"enabled\": true},"),
                BigDecimal.ONE)).isEqualTo(RuntimeHarness.fastPlan());
    }
}
