package io.tradingbots.engine.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.db.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderJournalTest {

    @TempDir
    Path dir;

    @Test
    void aRoundTripKeepsEveryEventAndTheBookIsDerivedFromThem() {
        BotBook live = new BotBook("b1");
        String tag;
        try (Database db = Database.openFile(dir); OrderJournal j = OrderJournal.open(db)) {
            tag = j.tag();
            String id = ClientOrderIds.make(tag, "b1", 1);
            OrderRequest buy = OrderRequest.limit("b1", "BTC/USD", Side.BUY, d("0.02"), d("40000"), "SMA cross up");
            for (List<JournalEvent> batch : List.of(
                    List.of(JournalEvent.funds("b1", "USD", d("1000"), "allocation 100%", 1)),
                    List.of(JournalEvent.intent(id, 1, buy, 2)),
                    List.of(JournalEvent.submitted("b1", id, 3)),
                    List.of(JournalEvent.acknowledged("b1", id, "77", 4),
                            JournalEvent.fill("b1", new Fill(id, "t1", d("40000"), d("0.005"), d("0.2"), "USD", 5))),
                    List.of(JournalEvent.fill("b1", new Fill(id, "t2", d("39990"), d("0.015"), d("0.59985"), "USD", 6))))) {
                j.append(batch).forEach(live::apply);
            }
        }
        try (Database db = Database.openFile(dir); OrderJournal j = OrderJournal.open(db)) {
            assertThat(j.tag()).isEqualTo(tag);
            List<JournalEvent> events = j.read("b1");
            assertThat(events).extracting(JournalEvent::kind).containsExactly(JournalEvent.Kind.FUNDS, JournalEvent.Kind.INTENT,
                    JournalEvent.Kind.SUBMITTED, JournalEvent.Kind.ACKNOWLEDGED, JournalEvent.Kind.FILL, JournalEvent.Kind.FILL);
            BotBook replayed = BotBook.replay("b1", events);
            assertThat(replayed.state()).isEqualTo(live.state());
            BotState s = replayed.state();
            // cash: 1000 - 0.005*40000 - 0.2 - 0.015*39990 - 0.59985 = 1000 - 200 - 0.2 - 599.85 - 0.59985
            assertThat(s.balance("USD")).isEqualByComparingTo("199.35015");
            assertThat(s.balance("BTC")).isEqualByComparingTo("0.02");
            assertThat(s.positions().get("BTC/USD").costBasis()).isEqualByComparingTo("800.64985");
            assertThat(s.feesPaid().get("USD")).isEqualByComparingTo("0.79985");
            assertThat(s.openOrders()).isEmpty();
            Order o = replayed.order(ClientOrderIds.make(tag, "b1", 1));
            assertThat(o.state()).isEqualTo(OrderState.FILLED);
            assertThat(o.averagePrice()).isEqualByComparingTo("39992.5");
            assertThat(replayed.lastOrderNo()).isEqualTo(1);
        }
    }

    @Test
    void oneTransactionCommitsAllItsAppendsTogetherOrNoneOfThem() {
        try (Database db = Database.openFile(dir); OrderJournal j = OrderJournal.open(db)) {
            j.inOneTransaction(() -> {
                j.append(JournalEvent.funds("a", "USD", d("-50"), "move", 1));
                j.append(JournalEvent.funds("a~2", "USD", d("50"), "move", 1));
            });
            assertThat(j.readAll()).hasSize(2);
            assertThatThrownBy(() -> j.inOneTransaction(() -> {
                j.append(JournalEvent.funds("a", "USD", d("-10"), "first leg", 2));
                throw new IllegalStateException("second leg failed");
            })).hasMessage("second leg failed");
            assertThat(j.readAll()).as("the first append was rolled back with the transaction").hasSize(2);
        }
        // what was committed survives a reopen; nothing of the failed one
        try (Database db = Database.openFile(dir); OrderJournal j = OrderJournal.open(db)) {
            assertThat(j.readAll()).extracting(e -> e.botId() + " " + e.amount().toPlainString()).containsExactly("a -50", "a~2 50");
        }
    }

    @Test
    void realisedPnlIsAtAverageCostAfterFeesInQuoteAndBase() {
        BotBook b = new BotBook("b");
        b.apply(JournalEvent.funds("b", "USD", d("1000"), "", 0));
        order(b, "o1", Side.BUY, "0.1");
        // buy 0.1 at 100, fee 0.0001 BTC (Binance charges a buy's fee in base): holds 0.0999 costing 10
        b.apply(JournalEvent.fill("b", new Fill("o1", "1", d("100"), d("0.1"), d("0.0001"), "BTC", 1)));
        order(b, "o2", Side.SELL, "0.0999");
        // sell it all at 110, fee 0.010989 USD: pnl = 10.989 - 0.010989 - 10
        b.apply(JournalEvent.fill("b", new Fill("o2", "2", d("110"), d("0.0999"), d("0.010989"), "USD", 2)));
        BotState s = b.state();
        assertThat(s.realisedPnl()).isEqualByComparingTo("0.978011");
        assertThat(s.balance("BTC")).isEqualByComparingTo("0");
        assertThat(s.balance("USD")).isEqualByComparingTo("1000.978011");
        assertThat(s.positions().get("BTC/USD").quantity()).isEqualByComparingTo("0");
    }

    @Test
    void aTradeIsBookedOnceAndAnOverfillIsACorruptJournal() {
        BotBook b = new BotBook("b");
        b.apply(JournalEvent.funds("b", "USD", d("100"), "", 0));
        order(b, "o1", Side.BUY, "1");
        Fill f = new Fill("o1", "t", d("10"), d("0.5"), BigDecimal.ZERO, "USD", 1);
        b.apply(JournalEvent.fill("b", f));
        b.apply(JournalEvent.fill("b", f));
        assertThat(b.balance("USD")).isEqualByComparingTo("95");
        assertThat(b.order("o1").state()).isEqualTo(OrderState.PARTIALLY_FILLED);
        assertThatThrownBy(() -> b.apply(JournalEvent.fill("b", new Fill("o1", "u", d("10"), d("0.6"), BigDecimal.ZERO, "USD", 2))))
                .hasMessageContaining("filled 1.1 of 1");
    }

    @Test
    void theSameTradeCannotBeWrittenTwice() {
        try (Database db = Database.inMemory("journal-dup"); OrderJournal j = OrderJournal.open(db)) {
            j.append(JournalEvent.intent("o1", 1, OrderRequest.market("b", "BTC/USD", Side.BUY, d("1"), ""), 0));
            JournalEvent fill = JournalEvent.fill("b", new Fill("o1", "t1", d("1"), d("1"), d("0"), "USD", 1));
            j.append(fill);
            assertThatThrownBy(() -> j.append(JournalEvent.cancelled("b", "o1", "x", 2), fill))
                    .isInstanceOf(EngineException.class).hasMessageContaining("nothing was written");
            assertThat(j.read("b")).hasSize(2);
        }
    }

    @Test
    void haltAndResumeAreJournaled() {
        BotBook b = new BotBook("b");
        b.apply(JournalEvent.halted("b", "exchange has 0.1 BTC less than the journal", 1));
        assertThat(b.state().haltReason()).contains("0.1 BTC less");
        b.apply(JournalEvent.resumed("b", "operator", 2));
        assertThat(b.isHalted()).isFalse();
    }

    private static void order(BotBook b, String id, Side side, String qty) {
        b.apply(JournalEvent.intent(id, 1, OrderRequest.market("b", "BTC/USD", side, d(qty), ""), 0));
        b.apply(JournalEvent.submitted("b", id, 0));
        b.apply(JournalEvent.acknowledged("b", id, id + "x", 0));
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }
}
