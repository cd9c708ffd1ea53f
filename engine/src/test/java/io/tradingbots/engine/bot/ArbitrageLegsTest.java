package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.broker.Broker;
import io.tradingbots.engine.broker.BrokerException;
import io.tradingbots.engine.broker.PaperBroker;
import io.tradingbots.engine.broker.VenueOrder;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Paper arbitrage trades both legs: a scripted second venue opens a 1% gap on one bar and closes it
 * on the next; the two venues' books, the journal and the bot's figures are checked against
 * amounts computed by hand. No slippage here, so every fill is at a candle's close.
 */
class ArbitrageLegsTest {

    private static final long START = 1_700_006_400_000L; // 2023-11-15 00:00 UTC
    private static final BotPlan PLAN = new BotPlan(new BigDecimal("1000"),
            List.of(RuntimeHarness.spec("arbitrage", "arbitrage", Map.of(), "ETH/USD", "1m", "15")));
    private static final PaperBroker.Settings NO_SLIPPAGE = new PaperBroker.Settings(new BigDecimal("0.001"), new BigDecimal("0.001"),
            BigDecimal.ZERO);
    /** The first venue's closes, one 1m candle each. */
    private static final int[] FIRST = {2000, 2000, 2000, 2000, 2010, 2010, 2010};
    /** The second venue: the same, except 2020 on bar 3 (a 1% gap: more than 4 fees + threshold = 0.6%). */
    private static final int[] SECOND = {2000, 2000, 2000, 2020, 2010, 2010, 2010};

    // By hand. 150 USD of capital; 75 move to the second venue, which buys inventory with 90% of it:
    // 75 x 0.9 x 0.999 / 1.001 / 2000 = 0.03368.. -> 0.0336 ETH (lot step 0.0001) at 2000, fee 0.0672.
    // Entry on bar 3: q = min(75 x 0.999 / 1.001 / 2000 = 0.0374.., inventory 0.0336) = 0.0336:
    // BUY 0.0336 at 2000 on the first venue, SELL 0.0336 at 2020 on the second.
    // Exit on bar 4 (gap 0): BUY 0.0336 back at 2010 on the second venue, SELL 0.0336 at 2010 on the first.
    private static final BigDecimal INVENTORY = new BigDecimal("0.0336");
    private static final BigDecimal Q = new BigDecimal("0.0336");

    private static Map<String, List<Candle>> market(int bars) {
        List<Candle> eth = new ArrayList<>();
        for (int i = 0; i < bars; i++) {
            BigDecimal p = BigDecimal.valueOf(FIRST[i]);
            eth.add(new Candle("ETH/USD", Timeframe.M1, START + i * 60_000L, p, p, p, p, BigDecimal.ONE));
        }
        return Map.of("ETH/USD", eth);
    }

    /** The second venue of the script: each candle's prices are SECOND[bar]. */
    private static final SecondVenue SCRIPTED = new SecondVenue() {
        @Override
        public Optional<Candle> candle(Candle c) {
            BigDecimal p = BigDecimal.valueOf(SECOND[(int) ((c.openTime() - START) / 60_000L)]);
            return Optional.of(new Candle(c.symbol(), c.timeframe(), c.openTime(), p, p, p, p, c.volume()));
        }

        @Override
        public String description() {
            return "scripted venue";
        }
    };

    private static RuntimeHarness harness(Database db, Function<Broker, Broker> first, Function<Broker, Broker> second) {
        return new RuntimeHarness(db, PLAN, first, SCRIPTED, NO_SLIPPAGE, second);
    }

    private static BigDecimal fee(BigDecimal q, int price) {
        return q.multiply(BigDecimal.valueOf(price)).multiply(new BigDecimal("0.001"));
    }

    @Test
    void theGapOpensAndClosesBothLegsAreJournaledAndThePairEarnsTheGapChangeLessFourFees() {
        try (Database db = Database.inMemory("arb-legs-" + System.nanoTime());
             RuntimeHarness h = harness(db, Function.identity(), Function.identity())) {
            h.drive(market(3)); // the inventory is bought on the first bar; no gap yet
            BotState first0 = h.router.state("arbitrage");
            BotState second0 = h.legs.router().state("arbitrage~2");
            assertThat(first0.balance("USD")).isEqualByComparingTo("75");
            assertThat(second0.balance("ETH")).isEqualByComparingTo(INVENTORY);
            assertThat(second0.balance("USD")).isEqualByComparingTo(new BigDecimal("75").subtract(INVENTORY.multiply(BigDecimal.valueOf(2000)))
                    .subtract(fee(INVENTORY, 2000)));
            assertThat(h.legs.router().orders("arbitrage~2").get(0).reason()).startsWith("arbitrage: second-venue inventory");
            BigDecimal cashBefore = first0.balance("USD").add(second0.balance("USD"));

            h.drive(market(4)); // bar 3: the gap opens
            BotState first1 = h.router.state("arbitrage");
            BotState second1 = h.legs.router().state("arbitrage~2");
            assertThat(first1.balance("ETH")).isEqualByComparingTo(Q);
            assertThat(second1.balance("ETH")).isEqualByComparingTo(INVENTORY.subtract(Q));
            assertThat(first1.balance("ETH").add(second1.balance("ETH"))).as("net coin while the pair is open").isEqualByComparingTo(INVENTORY);

            h.drive(market(FIRST.length)); // bar 4: it closes; bars 5-6: nothing to do
            BotState first2 = h.router.state("arbitrage");
            BotState second2 = h.legs.router().state("arbitrage~2");
            assertThat(first2.balance("ETH")).isEqualByComparingTo("0");
            assertThat(second2.balance("ETH")).as("net coin after the pair").isEqualByComparingTo(INVENTORY);

            // P&L = q x (gap at entry - gap at exit) - four fees, each q x price x 0.1%
            BigDecimal gapChange = BigDecimal.valueOf((2020 - 2000) - (2010 - 2010));
            BigDecimal fees = fee(Q, 2000).add(fee(Q, 2020)).add(fee(Q, 2010)).add(fee(Q, 2010));
            BigDecimal expected = Q.multiply(gapChange).subtract(fees); // 0.672 - 0.270144 = 0.401856
            assertThat(expected).isEqualByComparingTo("0.401856");
            BigDecimal cashAfter = first2.balance("USD").add(second2.balance("USD"));
            assertThat(cashAfter.subtract(cashBefore)).isEqualByComparingTo(expected);

            // the journal: each leg an order with its fill, in order, on its own book
            assertThat(sides(h.router.orders("arbitrage"))).containsExactly("BUY 0.0336 @2000", "SELL 0.0336 @2010");
            assertThat(sides(h.legs.router().orders("arbitrage~2")))
                    .containsExactly("BUY 0.0336 @2000", "SELL 0.0336 @2020", "BUY 0.0336 @2010");
            List<JournalEvent> fills = h.journal.readAll().stream().filter(e -> e.kind() == JournalEvent.Kind.FILL).toList();
            assertThat(fills).extracting(JournalEvent::botId)
                    .containsExactly("arbitrage~2", "arbitrage", "arbitrage~2", "arbitrage~2", "arbitrage");
            assertThat(h.legs.router().orders("arbitrage~2").get(1).reason())
                    .startsWith("arbitrage: second leg of arbitrage #1 (BUY 0.0336 on the first venue)");
            assertThat(h.legs.router().orders("arbitrage~2").get(1).clientOrderId()).contains("-arbitrage.2-");

            // the bot as BotService shows it: both venues together, each venue's coin at its own price
            BotDetail d = h.runner.detail("arbitrage");
            assertThat(d.cash()).isEqualByComparingTo(cashAfter);
            assertThat(d.position()).isEqualByComparingTo(INVENTORY);
            assertThat(d.equity()).isEqualByComparingTo(cashAfter.add(INVENTORY.multiply(BigDecimal.valueOf(2010))));
            assertThat(d.orderCount()).isEqualTo(5);
            assertThat(d.fillCount()).isEqualTo(5);
            // exports carry both books
            List<String> trades = new ArrayList<>();
            BotExport.write(BotExport.Kind.TRADES, "arbitrage", d.spec(), h.journal, h.curve, trades::add);
            assertThat(trades).hasSize(6);
            assertThat(trades.get(0)).endsWith(",book");
            assertThat(trades.stream().filter(l -> l.endsWith(",arbitrage~2"))).hasSize(3);
            // the equity curve's last point counts both venues too
            h.curve.flush();
            List<EquityCurve.Point> points = new ArrayList<>();
            h.curve.read("arbitrage", points::add);
            EquityCurve.Point last = points.get(points.size() - 1);
            assertThat(last.position()).isEqualByComparingTo(INVENTORY);
            assertThat(last.equity()).isEqualByComparingTo(d.equity());
        }
    }

    private static List<String> sides(List<Order> orders) {
        return orders.stream().map(o -> o.side() + " " + o.filledQuantity().stripTrailingZeros().toPlainString() + " @"
                + o.averagePrice().stripTrailingZeros().toPlainString()).toList();
    }

    @Test
    void aRestartRebuildsBothBooksFromTheJournalAndSendsNothingTwice() {
        Map<String, String> straight;
        try (Database db = Database.inMemory("arb-straight-" + System.nanoTime());
             RuntimeHarness h = harness(db, Function.identity(), Function.identity())) {
            h.drive(market(FIRST.length));
            straight = BotRunnerTest.fingerprint(h, PLAN);
        }
        assertThat(straight).containsKeys("arbitrage", "arbitrage~2");
        try (Database db = Database.inMemory("arb-restarted-" + System.nanoTime())) {
            Map<String, String> atCrash;
            RuntimeHarness crashed = harness(db, Function.identity(), Function.identity());
            crashed.drive(market(4)); // the pair is open
            atCrash = BotRunnerTest.fingerprint(crashed, PLAN);
            // crash: nothing closed; the next engine reads the same database
            try (RuntimeHarness h = harness(db, Function.identity(), Function.identity())) {
                assertThat(BotRunnerTest.fingerprint(h, PLAN)).as("books rebuilt from the journal").isEqualTo(atCrash);
                h.drive(market(FIRST.length)); // the replay starts again from its first candle
                assertThat(BotRunnerTest.firstDifferences(BotRunnerTest.fingerprint(h, PLAN), straight)).isEmpty();
                Set<String> ids = new HashSet<>();
                for (JournalEvent e : h.journal.readAll()) {
                    if (e.kind() == JournalEvent.Kind.INTENT) {
                        assertThat(ids.add(e.clientOrderId())).as("sent once: %s", e.clientOrderId()).isTrue();
                    }
                }
                assertThat(ids).hasSize(5);
            }
        }
    }

    @Test
    void aPairIsOneTransactionAFailureInTheSecondLegLeavesNeitherLeg() {
        try (Database db = Database.inMemory("arb-atomic-" + System.nanoTime());
             RuntimeHarness h = harness(db, Function.identity(), b -> new Faulty(b, o -> o.side() == Side.SELL, null))) {
            h.drive(market(FIRST.length));
            // the second leg's venue failed unexpectedly: the whole pair was rolled back and the bot halted
            assertThat(h.router.orders("arbitrage")).isEmpty();
            assertThat(h.legs.router().orders("arbitrage~2")).extracting(Order::side).containsExactly(Side.BUY); // the inventory only
            assertThat(h.router.state("arbitrage").balance("ETH")).isEqualByComparingTo("0");
            assertThat(h.runner.detail("arbitrage").status()).isEqualTo(BotStatus.HALTED);
            assertThat(h.runner.detail("arbitrage").statusReason()).contains("second venue connection reset");
            // what the books say is what the journal says
            try (RuntimeHarness again = harness(db, Function.identity(), Function.identity())) {
                assertThat(BotRunnerTest.fingerprint(again, PLAN)).isEqualTo(BotRunnerTest.fingerprint(h, PLAN));
            }
        }
    }

    @Test
    void aRefusedSecondLegIsUnwoundOnTheFirstVenueAndAFailedUnwindHaltsTheBot() {
        // the second venue refuses the entry's SELL: the first venue's BUY is sold again at once
        try (Database db = Database.inMemory("arb-refused-" + System.nanoTime());
             RuntimeHarness h = harness(db, Function.identity(),
                     b -> new Faulty(b, null, o -> o.side() == Side.SELL))) {
            h.drive(market(4));
            List<Order> first = h.router.orders("arbitrage");
            assertThat(sides(first)).containsExactly("BUY 0.0336 @2000", "SELL 0.0336 @2000");
            assertThat(first.get(1).reason()).startsWith("arbitrage: unwind 0.0336 of arbitrage #1: the SELL arbitrage~2 #2 on the second venue")
                    .contains("REJECTED").contains("Account has insufficient balance");
            assertThat(h.legs.router().orders("arbitrage~2").get(1).state()).isEqualTo(OrderState.REJECTED);
            assertThat(h.router.state("arbitrage").balance("ETH").add(h.legs.router().state("arbitrage~2").balance("ETH")))
                    .as("net coin unchanged").isEqualByComparingTo(INVENTORY);
            assertThat(h.runner.detail("arbitrage").status()).isEqualTo(BotStatus.RUNNING);
            assertThat(h.runner.detail("arbitrage").lastSignal()).startsWith("pair unwound");
        }
        // ... and when the first venue refuses the unwind as well, the bot halts with the reason, journaled
        try (Database db = Database.inMemory("arb-unhedged-" + System.nanoTime());
             RuntimeHarness h = harness(db, b -> new Faulty(b, null, o -> o.reason().startsWith("arbitrage: unwind")),
                     b -> new Faulty(b, null, o -> o.side() == Side.SELL))) {
            h.drive(market(FIRST.length));
            assertThat(h.router.state("arbitrage").balance("ETH")).as("left long on the first venue").isEqualByComparingTo(Q);
            String halt = h.router.state("arbitrage").haltReason();
            assertThat(halt).startsWith("arbitrage: 0.0336 ETH unhedged on the first venue").contains("settle it by hand");
            assertThat(h.journal.readAll()).filteredOn(e -> e.kind() == JournalEvent.Kind.HALTED).extracting(JournalEvent::reason)
                    .containsExactly(halt);
            assertThat(h.runner.detail("arbitrage").status()).isEqualTo(BotStatus.HALTED);
            assertThat(h.router.orders("arbitrage")).hasSize(2); // halted: no exit was tried on bar 4
        }
    }

    /** A paper venue that throws on orders {@code fails} matches and refuses (-2010) those {@code refuses} matches. */
    private static final class Faulty implements Broker {
        private final Broker d;
        private final Predicate<Order> fails;
        private final Predicate<Order> refuses;

        Faulty(Broker d, Predicate<Order> fails, Predicate<Order> refuses) {
            this.d = d;
            this.fails = fails;
            this.refuses = refuses;
        }

        public VenueOrder place(Order o) {
            if (fails != null && fails.test(o)) {
                throw new IllegalStateException("second venue connection reset");
            }
            if (refuses != null && refuses.test(o)) {
                throw new BrokerException.Rejected(-2010, "Account has insufficient balance for requested action.");
            }
            return d.place(o);
        }

        public String venue() { return d.venue(); }
        public boolean isLive() { return false; }
        public SymbolFilters filters(String s) { return d.filters(s); }
        public BigDecimal takerFee() { return d.takerFee(); }
        public Optional<VenueOrder> find(String s, String id) { return d.find(s, id); }
        public VenueOrder cancel(String s, String id) { return d.cancel(s, id); }
        public List<VenueOrder> openOrders(String s) { return d.openOrders(s); }
        public Map<String, BigDecimal> balances() { return d.balances(); }
        public long acceptanceWindowMs() { return 0; }
        public void onPrice(PriceTick t) { d.onPrice(t); }
        public void restore(Collection<Order> open) { d.restore(open); }
    }
}
