package io.tradingbots.engine.broker;

import static io.tradingbots.engine.broker.PaperBrokerTest.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.order.ClientOrderIds;
import io.tradingbots.engine.order.Fill;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.order.OrderRequest;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.Side;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Restart cases: the journal says one thing, the (scripted) exchange another. */
class RecoveryTest {

    private static final AtomicInteger DB = new AtomicInteger();
    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final ScriptedVenue venue = new ScriptedVenue();
    private Database db;
    private OrderJournal journal;
    private String tag;

    @BeforeEach
    void open() {
        db = Database.inMemory("recovery" + DB.incrementAndGet());
        journal = OrderJournal.open(db);
        tag = journal.tag();
        journal.append(JournalEvent.funds("a", "USD", d("1000"), "", 0), JournalEvent.funds("b", "USD", d("1000"), "", 0));
        venue.balances.put("USD", d("2000"));
    }

    @AfterEach
    void close() {
        journal.close();
        db.close();
    }

    private String id(String bot, long n) {
        return ClientOrderIds.make(tag, bot, n);
    }

    /** Journals an order of bot {@code bot} up to {@code upTo}: INTENT, SUBMITTED or ACKNOWLEDGED. */
    private String journaled(String bot, long n, JournalEvent.Kind upTo) {
        String id = id(bot, n);
        journal.append(JournalEvent.intent(id, n, OrderRequest.market(bot, "BTC/USD", Side.BUY, d("0.01"), "signal"), clock.millis()));
        if (upTo != JournalEvent.Kind.INTENT) {
            journal.append(JournalEvent.submitted(bot, id, clock.millis()));
        }
        if (upTo == JournalEvent.Kind.ACKNOWLEDGED) {
            journal.append(JournalEvent.acknowledged(bot, id, "9001", clock.millis()));
        }
        return id;
    }

    private void venueHas(String id, VenueOrder.Status status, Fill... fills) {
        venue.orders.put(id, new VenueOrder("BTC/USD", id, "9001", status, d("0.01"),
                List.of(fills).stream().map(Fill::quantity).reduce(d("0"), java.math.BigDecimal::add), List.of(fills), clock.millis()));
    }

    private OrderRouter restart() {
        return new OrderRouter(journal, venue, s -> java.util.Optional.empty(), clock);
    }

    @Test
    void anOrderOnlyIntendedWasNeverSentAndIsClosed() {
        String id = journaled("a", 1, JournalEvent.Kind.INTENT);
        OrderRouter r = restart();
        RecoveryReport report = r.recover();
        assertThat(r.order("a", id).state()).isEqualTo(OrderState.REJECTED);
        assertThat(r.order("a", id).reason()).contains("never sent");
        assertThat(report.actions()).anyMatch(a -> a.contains("never sent"));
        assertThat(report.halted()).isEmpty();
    }

    @Test
    void theFirstVenuesRouterLeavesTheSecondVenuesBooksToTheirOwnRouter() {
        String leg = ClientOrderIds.legBook("a", 2);
        journal.append(JournalEvent.funds(leg, "USD", d("100"), "", 0));
        String id = journaled(leg, 1, JournalEvent.Kind.SUBMITTED);
        clock.advance(60_000); // long past the acceptance window: an owned order not found would be closed now
        OrderRouter first = restart();
        RecoveryReport report = first.recover();
        assertThat(first.bots()).containsExactlyInAnyOrder("a", "b");
        assertThat(report.actions()).noneMatch(a -> a.contains(id));
        assertThat(report.halted()).isEmpty(); // nor do its 100 USD count against the venue's balances
        assertThat(journal.readAll()).noneMatch(e -> e.kind() == JournalEvent.Kind.REJECTED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.state(leg)).hasMessageContaining("not kept by this router");
        // the second venue's router recovers it (here: never reached that venue)
        OrderRouter second = new OrderRouter(journal, venue, s -> java.util.Optional.empty(), clock, ClientOrderIds::isLegBook);
        assertThat(second.bots()).containsExactly(leg);
        second.recover();
        assertThat(second.order(leg, id).state()).isEqualTo(OrderState.REJECTED);
    }

    @Test
    void aSubmittedOrderTheExchangeHasIsAdoptedWithItsFills() {
        String id = journaled("a", 1, JournalEvent.Kind.SUBMITTED);
        venueHas(id, VenueOrder.Status.FILLED, new Fill(id, "55", d("40000"), d("0.01"), d("0.00001"), "BTC", clock.millis()));
        venue.balances.put("BTC", d("0.00999"));
        OrderRouter r = restart();
        RecoveryReport report = r.recover();
        assertThat(r.order("a", id).state()).isEqualTo(OrderState.FILLED);
        assertThat(r.order("a", id).exchangeOrderId()).isEqualTo("9001");
        assertThat(r.state("a").balance("BTC")).isEqualByComparingTo("0.00999");
        assertThat(r.state("a").balance("USD")).isEqualByComparingTo("600");
        assertThat(report.actions()).anyMatch(a -> a.contains("adopted")).anyMatch(a -> a.contains("booked 1 fill"));
        assertThat(report.halted()).isEmpty();
        // a second recovery changes nothing: the fill is booked once
        long events = journal.readAll().size();
        restart().recover();
        assertThat(journal.readAll()).hasSize((int) events);
    }

    @Test
    void aSubmittedOrderTheExchangeDoesNotHaveIsClosedOnlyAfterTheAcceptanceWindow() {
        String id = journaled("a", 1, JournalEvent.Kind.SUBMITTED);
        clock.advance(1_000);
        OrderRouter r = restart();
        r.recover();
        assertThat(r.order("a", id).state()).isEqualTo(OrderState.SUBMITTED);
        // while unresolved, the bot sends nothing else on that symbol
        assertThat(r.submit(OrderRequest.market("a", "BTC/USD", Side.BUY, d("0.001"), "")).reason()).contains("still unresolved");
        clock.advance(5_000);
        r.syncOpenOrders();
        assertThat(r.order("a", id).state()).isEqualTo(OrderState.REJECTED);
        assertThat(r.order("a", id).reason()).contains("never reached binanceus");
    }

    @Test
    void aFillMissedWhileStoppedIsBooked() {
        String id = journaled("a", 1, JournalEvent.Kind.ACKNOWLEDGED);
        venueHas(id, VenueOrder.Status.PARTIALLY_FILLED, new Fill(id, "1", d("40000"), d("0.004"), d("0.16"), "USD", 5));
        venue.balances.put("BTC", d("0.004"));
        OrderRouter r = restart();
        RecoveryReport report = r.recover();
        assertThat(r.order("a", id).state()).isEqualTo(OrderState.PARTIALLY_FILLED);
        assertThat(r.order("a", id).filledQuantity()).isEqualByComparingTo("0.004");
        assertThat(r.state("a").balance("USD")).isEqualByComparingTo("839.84");
        assertThat(report.actions()).anyMatch(a -> a.contains("booked 1 fill"));
    }

    @Test
    void anAcknowledgedOrderTheExchangeForgotHaltsThatBotOnlyAndTheHaltSurvivesARestart() {
        String id = journaled("a", 1, JournalEvent.Kind.ACKNOWLEDGED);
        OrderRouter r = restart();
        RecoveryReport report = r.recover();
        assertThat(report.halted()).containsOnlyKeys("a");
        assertThat(report.halted().get("a")).contains(id).contains("unknown to it");
        assertThat(r.order("a", id).state()).isEqualTo(OrderState.ACKNOWLEDGED); // no guessing
        OrderRouter again = restart();
        assertThat(again.state("a").haltReason()).contains("unknown to it");
        assertThat(again.state("b").haltReason()).isNull();
        assertThat(again.submit(OrderRequest.market("a", "ETH/USD", Side.BUY, d("0.001"), "")).reason()).startsWith("bot is halted");
    }

    @Test
    void anOpenOrderOfOursMissingFromTheJournalHaltsItsBotAndAForeignOneIsOnlyReported() {
        String stray = id("b", 7);
        venueHas(stray, VenueOrder.Status.NEW);
        venueHas("web_manual_order_1", VenueOrder.Status.NEW);
        OrderRouter r = restart();
        RecoveryReport report = r.recover();
        assertThat(report.halted()).containsOnlyKeys("b");
        assertThat(report.halted().get("b")).contains(stray).contains("missing from the journal");
        assertThat(report.alerts()).singleElement().asString().contains("web_manual_order_1").contains("left alone");
    }

    @Test
    void anExchangeHoldingLessThanTheJournalHaltsTheBotsHoldingThatAsset() {
        String id = journaled("a", 1, JournalEvent.Kind.ACKNOWLEDGED);
        journal.append(JournalEvent.fill("a", new Fill(id, "1", d("40000"), d("0.01"), d("0"), "USD", 1)));
        venue.balances.put("BTC", d("0.002"));
        venue.balances.put("USD", d("1600"));
        OrderRouter r = restart();
        RecoveryReport report = r.recover();
        assertThat(report.halted()).containsOnlyKeys("a");
        assertThat(report.halted().get("a")).isEqualTo("binanceus holds 0.002 BTC but the journal's bots hold 0.01 together");
    }

    @Test
    void aLostReplyIsSettledByLookingTheOrderUpNotBySendingItAgain() {
        OrderRouter r = restart();
        venue.placeFailure = new BrokerException.OutcomeUnknown("no reply", null);
        String id = id("a", 1);
        venueHas(id, VenueOrder.Status.FILLED, new Fill(id, "1", d("40000"), d("0.01"), d("0.4"), "USD", 1));
        var o = r.submit(OrderRequest.limit("a", "BTC/USD", Side.BUY, d("0.01"), d("40000"), ""));
        assertThat(o.clientOrderId()).isEqualTo(id);
        assertThat(o.state()).isEqualTo(OrderState.FILLED);
        assertThat(r.state("a").balance("USD")).isEqualByComparingTo("599.6");
    }
}
