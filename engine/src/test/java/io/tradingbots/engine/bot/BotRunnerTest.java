package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.broker.Broker;
import io.tradingbots.engine.broker.VenueOrder;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The five bots on two symbols, driven candle by candle through risk, router, paper broker and journal. */
class BotRunnerTest {

    private static final int CANDLES = 2_000; // about a day and a half of 1m candles per symbol

    @Test
    void fiveBotsTradeTheirShareAndTheJournalHoldsEveryCent() {
        BotPlan plan = RuntimeHarness.fastPlan();
        try (Database db = Database.inMemory("runner-" + System.nanoTime());
             RuntimeHarness h = new RuntimeHarness(db, plan)) {
            List<BotEvent> seen = new CopyOnWriteArrayList<>();
            h.events.subscribe(seen::add);
            h.drive(RuntimeHarness.market(CANDLES));
            Map<String, BotState> states = h.states(plan);
            for (BotSpec s : plan.bots()) {
                BotState st = states.get(s.id());
                assertThat(st.haltReason()).as(s.id()).isNull();
                assertThat(st.balance("USD").signum()).as("%s cash never negative", s.id()).isGreaterThanOrEqualTo(0);
                assertThat(st.orderCount()).as("%s decided and traded", s.id()).isPositive();
            }
            // funded exactly with the plan's shares; arbitrage then moved half its cash to its second venue's book
            assertThat(h.journal.readAll().stream().filter(e -> e.kind() == io.tradingbots.engine.order.JournalEvent.Kind.FUNDS)
                    .map(e -> e.botId() + "=" + e.amount().toPlainString()).toList())
                    .containsExactly("sma-core=300", "scalp=250", "momentum=250", "arbitrage=150", "hedge=50", "arbitrage=-75",
                            "arbitrage~2=75");
            assertThat(h.legs.router().state("arbitrage~2").orderCount()).as("the second leg traded").isGreaterThan(1);
            assertThat(seen).extracting(BotEvent::kind).contains(BotEvent.Kind.SIGNAL, BotEvent.Kind.ORDER, BotEvent.Kind.FILL);
            // every fill's event names an order the journal has
            for (BotEvent e : seen) {
                if (e.kind() == BotEvent.Kind.FILL) {
                    // arbitrage's second leg is in its second venue's book
                    Order o = h.router.order(e.botId(), e.clientOrderId());
                    assertThat(o != null ? o : h.legs.router().order(ArbitrageLegs.book(e.botId()), e.clientOrderId())).isNotNull();
                }
            }
            // the state hub shows all five bots
            assertThat(h.hub.snapshot().bots()).hasSize(5);
        }
    }

    @Test
    void aRestartInTheMiddleOfAReplayEndsWithExactlyTheStateOfAnUninterruptedRun() {
        BotPlan plan = RuntimeHarness.fastPlan();
        Map<String, List<Candle>> market = RuntimeHarness.market(CANDLES);
        Map<String, String> expected;
        try (Database db = Database.inMemory("straight-" + System.nanoTime()); RuntimeHarness h = new RuntimeHarness(db, plan)) {
            h.drive(market);
            expected = fingerprint(h, plan);
        }
        try (Database db = Database.inMemory("restarted-" + System.nanoTime())) {
            for (int stop : new int[] {500, 1_101, 1_777}) {
                RuntimeHarness h = new RuntimeHarness(db, plan);
                h.drive(Map.of("BTC/USD", market.get("BTC/USD").subList(0, stop), "ETH/USD", market.get("ETH/USD").subList(0, stop - 1)));
                // crash: nothing closed, nothing flushed; the next engine opens the same database
            }
            try (RuntimeHarness h = new RuntimeHarness(db, plan)) {
                h.drive(market);
                assertThat(firstDifferences(fingerprint(h, plan), expected)).isEmpty();
            }
        }
    }

    /** Per bot, the first line that differs (empty when all are equal). */
    static List<String> firstDifferences(Map<String, String> actual, Map<String, String> expected) {
        List<String> out = new ArrayList<>();
        for (String bot : expected.keySet()) {
            String[] a = actual.getOrDefault(bot, "").split("\n");
            String[] e = expected.get(bot).split("\n");
            for (int i = 0; i < Math.max(a.length, e.length); i++) {
                String x = i < a.length ? a[i] : "<none>";
                String y = i < e.length ? e[i] : "<none>";
                if (!x.equals(y)) {
                    out.add(bot + " line " + i + ": got [" + x + "] expected [" + y + "] (" + a.length + " vs " + e.length + " lines)");
                    break;
                }
            }
        }
        return out;
    }

    /** Cash, positions and every order (id, side, quantity, state, fills) per bot. */
    static Map<String, String> fingerprint(RuntimeHarness h, BotPlan plan) {
        Map<String, String> out = new java.util.TreeMap<>();
        List<String> books = new ArrayList<>(plan.ids());
        if (h.legs != null) {
            plan.ids().forEach(id -> books.add(ArbitrageLegs.book(id))); // the second venue's books (paper arbitrage)
        }
        for (String book : books) {
            io.tradingbots.engine.broker.OrderRouter router = io.tradingbots.engine.order.ClientOrderIds.isLegBook(book) ? h.legs.router() : h.router;
            if (!router.bots().contains(book)) {
                continue;
            }
            BotState st = router.state(book);
            String orders = router.orders(book).stream()
                    .map(o -> o.clientOrderId().substring(o.clientOrderId().indexOf('-') + 1) + " " + o.side() + " " + o.quantity().toPlainString()
                            + " " + o.state() + " " + (o.state() == OrderState.REJECTED ? o.reason() + " " : "") + o.filledQuantity().toPlainString() + "@" + (o.averagePrice() == null ? "-" : o.averagePrice().stripTrailingZeros().toPlainString()))
                    .collect(Collectors.joining("\n"));
            out.put(book, orders + "\ncash " + st.balance("USD").stripTrailingZeros().toPlainString() + " positions "
                    + st.positions().values().stream().map(p -> p.symbol() + "=" + p.quantity().stripTrailingZeros().toPlainString()).toList());
        }
        return out;
    }

    @Test
    void anErrorInOneBotHaltsThatBotAloneAndTheOthersKeepTrading() {
        BotPlan plan = RuntimeHarness.fastPlan();
        try (Database db = Database.inMemory("error-" + System.nanoTime());
             RuntimeHarness h = new RuntimeHarness(db, plan, b -> new FailingFor("ETH/USD", b))) {
            h.drive(RuntimeHarness.market(CANDLES));
            for (BotSpec s : plan.bots()) {
                BotDetail d = h.runner.detail(s.id());
                if (s.symbol().equals("ETH/USD")) {
                    assertThat(d.status()).as(s.id()).isEqualTo(BotStatus.HALTED);
                    assertThat(d.statusReason()).contains("venue connection reset");
                } else {
                    assertThat(d.status()).as(s.id()).isEqualTo(BotStatus.RUNNING);
                    assertThat(d.fillCount()).as(s.id()).isPositive();
                }
            }
        }
    }

    @Test
    void pauseStopsEntriesAndAllocationChangesAreValidatedAndJournaled() {
        BotPlan plan = RuntimeHarness.fastPlan();
        try (Database db = Database.inMemory("control-" + System.nanoTime()); RuntimeHarness h = new RuntimeHarness(db, plan)) {
            h.runner.pauseBot("sma-core");
            h.drive(RuntimeHarness.market(600));
            assertThat(h.router.orders("sma-core")).isEmpty();
            assertThat(h.runner.detail("sma-core").status()).isEqualTo(BotStatus.PAUSED);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.runner.setAllocation("sma-core", new BigDecimal("31")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up to 101%");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.runner.setAllocation("hedge", new BigDecimal("0.5")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below the minimum order of 10");
            BotDetail d = h.runner.setAllocation("sma-core", new BigDecimal("20"));
            assertThat(d.allocatedCapital()).isEqualByComparingTo("200");
            assertThat(d.cash()).isEqualByComparingTo("200");
            assertThat(h.runner.plan().unallocated()).isEqualByComparingTo("100");
            h.runner.startBot("sma-core", "test");
            assertThat(h.runner.detail("sma-core").status()).isEqualTo(BotStatus.RUNNING);
        }
    }

    @Test
    void liveTheStartIsRefusedWhenTheAccountHoldsLessThanThePlanGivesTheBots() {
        BotPlan plan = RuntimeHarness.fastPlan();
        try (Database db = Database.inMemory("live-" + System.nanoTime())) {
            FailingFor[] venue = new FailingFor[1];
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RuntimeHarness(db, plan, b -> {
                venue[0] = new FailingFor("none", b);
                venue[0].live = true;
                venue[0].usd = new BigDecimal("500");
                return venue[0];
            })).isInstanceOf(io.tradingbots.engine.EngineException.class)
                    .hasMessageContaining("holds 500 USD but the bots need 1000").hasMessageContaining("lower the capital");
            // nothing was funded
            assertThat(io.tradingbots.engine.order.OrderJournal.open(db).readAll()).isEmpty();
        }
    }

    /** A venue whose connection fails for one symbol: an unexpected exception, not a rejection. */
    private static final class FailingFor implements Broker {
        private final String symbol;
        private final Broker d;
        boolean live;
        BigDecimal usd = BigDecimal.ZERO;

        FailingFor(String symbol, Broker d) {
            this.symbol = symbol;
            this.d = d;
        }

        public String venue() { return live ? "fake live venue" : d.venue(); }
        public boolean isLive() { return live; }
        public SymbolFilters filters(String s) { return d.filters(s); }
        public BigDecimal takerFee() { return d.takerFee(); }
        public VenueOrder place(Order o) {
            if (o.symbol().equals(symbol)) {
                throw new IllegalStateException("venue connection reset");
            }
            return d.place(o);
        }
        public Optional<VenueOrder> find(String s, String id) { return d.find(s, id); }
        public VenueOrder cancel(String s, String id) { return d.cancel(s, id); }
        public List<VenueOrder> openOrders(String s) { return d.openOrders(s); }
        public Map<String, BigDecimal> balances() { return live ? Map.of("USD", usd) : d.balances(); }
        public long acceptanceWindowMs() { return 0; }
        public void onPrice(io.tradingbots.engine.market.PriceTick t) { d.onPrice(t); }
        public void restore(Collection<Order> open) { d.restore(open); }
    }
}
