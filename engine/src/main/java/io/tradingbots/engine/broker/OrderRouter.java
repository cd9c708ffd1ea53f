package io.tradingbots.engine.broker;

import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.BotBook;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.ClientOrderIds;
import io.tradingbots.engine.order.Fill;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.order.OrderRequest;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.OrderType;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bots' orders to a {@link Broker} and writes every step to the {@link OrderJournal} first:
 * the intent (with its client order id) and the submission are committed before the venue is
 * called, the venue's answer (acknowledgement, fills, cancel, rejection) is committed before the
 * bot's book changes. (With the in-process paper venue, which keeps nothing across a crash, the
 * order and the paper venue's answer are one transaction instead.) Each bot's {@link BotBook} is built from the journal at construction and
 * then only changes by applying committed events, so what a bot has is always what the journal
 * says. {@link #recover} reconciles the journal with the venue at start. One lock: calls are
 * serialized.
 *
 * <p>A router owns some of the journal's books: by default every bot's own book, not the leg
 * books ({@code <bot>~2}, {@link ClientOrderIds#legBook}) that a second router keeps for a second
 * venue. It never reads, recovers or looks up at its venue the orders of books it does not own.
 */
public final class OrderRouter {

    private static final Logger log = LoggerFactory.getLogger(OrderRouter.class);

    private final OrderJournal journal;
    private final Broker broker;
    private final PriceSource prices;
    private final Clock clock;
    private final Predicate<String> owns;
    private Map<String, BotBook> books;

    /** The router of the bots' own books (every book but the leg books), rebuilt from the journal. */
    public OrderRouter(OrderJournal journal, Broker broker, PriceSource prices, Clock clock) {
        this(journal, broker, prices, clock, id -> !ClientOrderIds.isLegBook(id));
    }

    /** The router of the books {@code owns} accepts, rebuilt from the journal. */
    public OrderRouter(OrderJournal journal, Broker broker, PriceSource prices, Clock clock, Predicate<String> owns) {
        this.journal = journal;
        this.broker = broker;
        this.prices = prices;
        this.clock = clock;
        this.owns = owns;
        this.books = ownBooks();
    }

    private Map<String, BotBook> ownBooks() {
        List<JournalEvent> mine = new ArrayList<>();
        for (JournalEvent e : journal.readAll()) {
            if (owns.test(e.botId())) {
                mine.add(e);
            }
        }
        return BotBook.replayAll(mine);
    }

    /**
     * Builds every book again from the journal: after {@link OrderJournal#inOneTransaction} failed,
     * the books may hold events that were never committed.
     */
    public synchronized void reload() {
        books = ownBooks();
    }

    /** Whether this router keeps the book {@code botId}. */
    public boolean owns(String botId) {
        return owns.test(botId);
    }

    public OrderJournal journal() {
        return journal;
    }

    public synchronized Set<String> bots() {
        return Set.copyOf(books.keySet());
    }

    /** The bot's journal-derived state (empty for a bot never seen). */
    public synchronized BotState state(String botId) {
        return book(botId).state();
    }

    public synchronized Order order(String botId, String clientOrderId) {
        return book(botId).order(clientOrderId);
    }

    public synchronized List<Order> openOrders(String botId) {
        return List.copyOf(book(botId).openOrders());
    }

    /** Every order of the bot, in the order they were made (for exports and the runtime's catch-up). */
    public synchronized List<Order> orders(String botId) {
        return book(botId).orders();
    }

    /** The bot's order number {@code orderNo} (1, 2, ...), or null when it has not made that many. */
    public synchronized Order orderByNumber(String botId, long orderNo) {
        BotBook b = book(botId);
        return orderNo < 1 || orderNo > b.lastOrderNo() ? null : b.order(ClientOrderIds.make(journal.tag(), botId, orderNo));
    }

    /** The bot's balance of {@code asset} less what its open orders hold. */
    public synchronized BigDecimal available(String botId, String asset) {
        return book(botId).available(asset);
    }

    /** The bot's balance of {@code asset}, open orders included. */
    public synchronized BigDecimal balance(String botId, String asset) {
        return book(botId).balance(asset);
    }

    /** The bot's journal-derived position in {@code symbol}'s base asset. */
    public synchronized BigDecimal position(String botId, String symbol) {
        return book(botId).position(symbol).quantity();
    }

    /** Whether the journal says the bot is halted. */
    public synchronized boolean isHalted(String botId) {
        return book(botId).isHalted();
    }

    private BotBook book(String botId) {
        BotBook b = books.get(botId);
        if (b == null) {
            if (!owns.test(botId)) {
                throw new IllegalArgumentException("book " + botId + " is not kept by this router (" + broker.venue() + ")");
            }
            b = new BotBook(botId);
            books.put(botId, b);
        }
        return b;
    }

    private void write(BotBook b, List<JournalEvent> events) {
        if (!events.isEmpty()) {
            journal.append(events).forEach(b::apply);
        }
    }

    private void write(BotBook b, JournalEvent... events) {
        write(b, List.of(events));
    }

    /** Gives (or, negative, takes) capital: a FUNDS event. */
    public synchronized void fund(String botId, String asset, BigDecimal amount, String reason) {
        write(book(botId), JournalEvent.funds(botId, asset, amount, reason, clock.millis()));
    }

    /** Stops the bot's new orders until {@link #resume}; journaled, so it survives a restart. */
    public synchronized void halt(String botId, String reason) {
        BotBook b = book(botId);
        if (!b.isHalted()) {
            log.warn("bot {} halted: {}", botId, reason);
            write(b, JournalEvent.halted(botId, reason, clock.millis()));
        }
    }

    public synchronized void resume(String botId, String reason) {
        BotBook b = book(botId);
        if (b.isHalted()) {
            write(b, JournalEvent.resumed(botId, reason, clock.millis()));
        }
    }

    /**
     * Journals the intent, checks it (halt, unresolved order, filters, funds), journals the
     * submission, sends it and journals the answer. Returns the order as journaled: REJECTED with
     * the reason when refused here or by the venue; SUBMITTED when the venue's answer was lost and
     * the order could not be found yet ({@link #syncOpenOrders} settles it).
     */
    public synchronized Order submit(OrderRequest r) {
        BotBook b = book(r.botId());
        long now = clock.millis();
        long no = b.lastOrderNo() + 1;
        String id = ClientOrderIds.make(journal.tag(), r.botId(), no);
        BigDecimal reference = r.type() == OrderType.LIMIT ? r.limitPrice()
                : prices.last(r.symbol()).map(PriceTick::price).orElse(null);
        SymbolFilters.Decision d = broker.filters(r.symbol()).check(r.side(), r.type(), r.quantity(), r.limitPrice(), reference);
        // the intent records what would be sent (rounded); a refused order keeps what was asked where rounding left nothing
        OrderRequest rounded = new OrderRequest(r.botId(), r.symbol(), r.side(), r.type(), d.quantity().signum() > 0 ? d.quantity()
                : r.quantity(), d.price() != null && d.price().signum() > 0 ? d.price() : r.limitPrice(), r.reason());
        String refusal = refusal(b, rounded, reference, d);
        if (refusal != null) {
            write(b, JournalEvent.intent(id, no, rounded, now), JournalEvent.rejected(r.botId(), id, refusal, now));
            log.info("bot {} order {} refused: {}", r.botId(), id, refusal);
            return b.order(id);
        }
        if (!broker.isLive()) {
            return submitToPaper(b, id, no, rounded, now);
        }
        write(b, JournalEvent.intent(id, no, rounded, now));
        write(b, JournalEvent.submitted(r.botId(), id, clock.millis()));
        Order order = b.order(id);
        try {
            apply(b, order, broker.place(order));
        } catch (BrokerException.Rejected e) {
            write(b, JournalEvent.rejected(r.botId(), id, broker.venue() + " refused it: " + e.getMessage(), clock.millis()));
        } catch (BrokerException.Unavailable e) {
            write(b, JournalEvent.rejected(r.botId(), id, broker.venue() + " unavailable, not placed: " + e.getMessage(), clock.millis()));
        } catch (BrokerException.OutcomeUnknown e) {
            log.warn("bot {} order {}: {}; looking it up by its client order id", r.botId(), id, e.getMessage());
            settle(b, b.order(id));
        }
        return b.order(id);
    }

    /**
     * The paper venue lives in this process and forgets everything in a crash, so an order and the
     * paper venue's answer are committed in one transaction: both exist after a crash, or neither.
     * (A live order takes three commits, because the exchange remembers what we may not.)
     */
    private Order submitToPaper(BotBook b, String id, long no, OrderRequest r, long now) {
        List<JournalEvent> events = new ArrayList<>(4);
        events.add(JournalEvent.intent(id, no, r, now));
        events.add(JournalEvent.submitted(r.botId(), id, now));
        Order sent = new Order(id, r.botId(), no, r.symbol(), r.side(), r.type(), r.quantity(), r.limitPrice(), OrderState.SUBMITTED,
                null, BigDecimal.ZERO, BigDecimal.ZERO, r.reason(), now, now);
        try {
            events.addAll(answer(b, sent, broker.place(sent), null));
        } catch (BrokerException e) {
            events.add(JournalEvent.rejected(r.botId(), id, broker.venue() + " refused it: " + e.getMessage(), now));
        }
        write(b, events);
        return b.order(id);
    }

    private String refusal(BotBook b, OrderRequest r, BigDecimal reference, SymbolFilters.Decision d) {
        if (b.isHalted()) {
            return "bot is halted: " + b.haltReason();
        }
        for (Order o : b.openOrders()) {
            if (o.symbol().equals(r.symbol()) && (o.state() == OrderState.SUBMITTED || o.state() == OrderState.INTENT)) {
                return "order " + o.clientOrderId() + " on " + r.symbol() + " is still unresolved at " + broker.venue();
            }
        }
        if (!d.accepted()) {
            return d.refusal();
        }
        if (reference == null) {
            return "no market price yet for " + r.symbol();
        }
        if (r.side() == Side.BUY) {
            BigDecimal need = r.quantity().multiply(reference).multiply(BigDecimal.ONE.add(broker.takerFee()));
            BigDecimal have = b.available(r.quoteAsset());
            if (need.compareTo(have) > 0) {
                return "insufficient " + r.quoteAsset() + ": needs " + plain(need) + " with fee, " + plain(have) + " available";
            }
        } else {
            BigDecimal have = b.available(r.baseAsset());
            if (r.quantity().compareTo(have) > 0) {
                return "insufficient " + r.baseAsset() + ": selling " + plain(r.quantity()) + ", " + plain(have) + " available";
            }
        }
        return null;
    }

    /** Cancels an open order; fills the venue reports first are booked before the cancel. */
    public synchronized Order cancel(String botId, String clientOrderId, String reason) {
        BotBook b = book(botId);
        Order o = b.order(clientOrderId);
        if (o == null) {
            throw new IllegalArgumentException("bot " + botId + " has no order " + clientOrderId);
        }
        if (o.state().isFinal()) {
            return o;
        }
        try {
            VenueOrder v = broker.cancel(o.symbol(), clientOrderId);
            apply(b, o, v, reason);
        } catch (BrokerException.Rejected e) {
            log.info("cancel of {} refused by {} ({}): looking it up", clientOrderId, broker.venue(), e.getMessage());
            settle(b, o);
        }
        return b.order(clientOrderId);
    }

    /** A new price: the paper venue fills resting orders at it and their fills are journaled. */
    public synchronized void onPrice(PriceTick tick) {
        broker.onPrice(tick);
        if (!broker.isLive()) {
            for (BotBook b : books.values()) {
                for (Order o : b.openOrders()) {
                    if (o.symbol().equals(tick.symbol()) && o.state().isAtVenue()) {
                        broker.find(o.symbol(), o.clientOrderId()).ifPresent(v -> apply(b, b.order(o.clientOrderId()), v));
                    }
                }
            }
        }
    }

    /** Asks the venue about every order not yet final and journals what changed (call it on a timer live). */
    public synchronized void syncOpenOrders() {
        for (BotBook b : books.values()) {
            for (Order o : b.openOrders()) {
                if (o.state() != OrderState.INTENT && settle(b, o) == Lookup.ABSENT && o.state().isAtVenue()) {
                    halt(b.botId(), "order " + o.clientOrderId() + " acknowledged by " + broker.venue() + " as "
                            + o.exchangeOrderId() + " is unknown to it now");
                }
            }
        }
    }

    private enum Lookup { FOUND, ABSENT, FAILED }

    /** Looks the order up at the venue by its client order id and journals what the venue says. */
    private Lookup settle(BotBook b, Order o) {
        Optional<VenueOrder> v;
        try {
            v = broker.find(o.symbol(), o.clientOrderId());
        } catch (BrokerException e) {
            log.warn("cannot look up order {} at {}: {}", o.clientOrderId(), broker.venue(), e.getMessage());
            return Lookup.FAILED; // try again later
        }
        if (v.isPresent()) {
            apply(b, b.order(o.clientOrderId()), v.get());
            return Lookup.FOUND;
        }
        if (o.state() == OrderState.SUBMITTED && clock.millis() >= o.submittedAt() + broker.acceptanceWindowMs()) {
            write(b, JournalEvent.rejected(o.botId(), o.clientOrderId(), "never reached " + broker.venue()
                    + " (not found by its client order id after the acceptance window)", clock.millis()));
        }
        return Lookup.ABSENT;
    }

    private void apply(BotBook b, Order o, VenueOrder v) {
        apply(b, o, v, null);
    }

    /** Journals, in one transaction, what the venue's record adds to ours: ack, new fills, final state. */
    private void apply(BotBook b, Order o, VenueOrder v, String cancelReason) {
        write(b, answer(b, o, v, cancelReason));
    }

    private List<JournalEvent> answer(BotBook b, Order o, VenueOrder v, String cancelReason) {
        List<JournalEvent> events = new ArrayList<>();
        long now = clock.millis();
        if (o.exchangeOrderId() == null && v.exchangeOrderId() != null) {
            events.add(JournalEvent.acknowledged(o.botId(), o.clientOrderId(), v.exchangeOrderId(), v.time()));
        }
        for (Fill f : v.fills()) {
            if (!b.knowsTrade(o.clientOrderId(), f.tradeId())) {
                events.add(JournalEvent.fill(o.botId(), f));
            }
        }
        switch (v.status()) {
            case CANCELED, EXPIRED -> events.add(JournalEvent.cancelled(o.botId(), o.clientOrderId(),
                    cancelReason != null ? cancelReason : broker.venue() + " reports it " + v.status(), now));
            case REJECTED -> events.add(JournalEvent.rejected(o.botId(), o.clientOrderId(), broker.venue() + " reports it REJECTED", now));
            default -> { }
        }
        return events;
    }

    /**
     * At start: settles every order the journal left unfinished, and in live mode compares the
     * venue's open orders and balances with the journal. An order only intended is closed (it was
     * never sent); a submitted one is looked up by its client order id and adopted with its fills,
     * or closed as never placed once the acceptance window is over; fills we missed are booked. A
     * difference with no safe explanation halts the bot concerned, journaled with the reason.
     */
    public synchronized RecoveryReport recover() {
        List<String> actions = new ArrayList<>();
        Map<String, String> halted = new TreeMap<>();
        List<String> alerts = new ArrayList<>();
        List<Order> atVenue = new ArrayList<>();
        books.values().forEach(b -> b.openOrders().stream().filter(o -> o.state().isAtVenue()).forEach(atVenue::add));
        broker.restore(atVenue);
        for (BotBook b : books.values()) {
            for (Order o : b.openOrders()) {
                recoverOrder(b, o, actions, halted);
            }
        }
        if (broker.isLive()) {
            reconcileOpenOrders(actions, halted, alerts);
            reconcileBalances(halted);
        }
        books.values().stream().filter(BotBook::isHalted).forEach(b -> halted.putIfAbsent(b.botId(), b.haltReason()));
        return new RecoveryReport(actions, halted, alerts);
    }

    private void recoverOrder(BotBook b, Order o, List<String> actions, Map<String, String> halted) {
        String id = o.clientOrderId();
        if (o.state() == OrderState.INTENT) {
            write(b, JournalEvent.rejected(b.botId(), id, "never sent: the engine stopped between intent and submission", clock.millis()));
            actions.add(id + ": closed, it was never sent");
            return;
        }
        long fillsBefore = b.state().fillCount();
        OrderState before = o.state();
        Lookup found = settle(b, o);
        Order after = b.order(id);
        if (found == Lookup.FAILED) {
            actions.add(id + ": " + broker.venue() + " could not be asked; will be looked up again");
        } else if (found == Lookup.FOUND) {
            long booked = b.state().fillCount() - fillsBefore;
            if (before == OrderState.SUBMITTED) {
                actions.add(id + ": adopted from " + broker.venue() + " as " + after.exchangeOrderId() + " (" + after.state() + ")");
            }
            if (booked > 0) {
                actions.add(id + ": booked " + booked + " fill(s) missed while stopped");
            }
            if (before != after.state() && before != OrderState.SUBMITTED) {
                actions.add(id + ": now " + after.state());
            }
        } else if (after.state() == OrderState.REJECTED) {
            actions.add(id + ": closed, it never reached " + broker.venue());
        } else if (after.state().isAtVenue()) {
            String why = "order " + id + " acknowledged by " + broker.venue() + " as " + after.exchangeOrderId()
                    + " is unknown to it now";
            halt(b.botId(), why);
            halted.put(b.botId(), why);
        } else {
            actions.add(id + ": still unresolved (inside the acceptance window), will be looked up again");
        }
    }

    private void reconcileOpenOrders(List<String> actions, Map<String, String> halted, List<String> alerts) {
        Map<String, BotBook> byBotPart = new HashMap<>();
        books.values().forEach(b -> byBotPart.put(botPart(b.botId()), b));
        for (VenueOrder v : broker.openOrders(null)) {
            if (!ClientOrderIds.isOurs(journal.tag(), v.clientOrderId())) {
                alerts.add("open order " + v.clientOrderId() + " on " + v.symbol() + " at " + broker.venue()
                        + " was not placed by this engine; left alone");
                continue;
            }
            String rest = v.clientOrderId().substring(journal.tag().length() + 3);
            BotBook owner = byBotPart.get(rest.substring(0, Math.max(0, rest.lastIndexOf('-'))));
            Order ours = owner == null ? null : owner.order(v.clientOrderId());
            if (owner == null) {
                alerts.add("open order " + v.clientOrderId() + " at " + broker.venue() + " carries this journal's tag but no bot owns it");
            } else if (ours == null || ours.state().isFinal()) {
                String why = "open order " + v.clientOrderId() + " at " + broker.venue() + " is "
                        + (ours == null ? "missing from the journal" : ours.state() + " in the journal");
                halt(owner.botId(), why);
                halted.put(owner.botId(), why);
            }
        }
    }

    private void reconcileBalances(Map<String, String> halted) {
        Map<String, BigDecimal> venue = broker.balances();
        Map<String, BigDecimal> journalTotal = new TreeMap<>();
        for (BotBook b : books.values()) {
            b.state().balances().forEach((asset, amount) -> journalTotal.merge(asset, amount, BigDecimal::add));
        }
        for (Map.Entry<String, BigDecimal> e : journalTotal.entrySet()) {
            BigDecimal have = venue.getOrDefault(e.getKey(), BigDecimal.ZERO);
            if (e.getValue().signum() > 0 && have.compareTo(e.getValue()) < 0) {
                String why = broker.venue() + " holds " + plain(have) + " " + e.getKey() + " but the journal's bots hold "
                        + plain(e.getValue()) + " together";
                for (BotBook b : books.values()) {
                    if (b.balance(e.getKey()).signum() > 0) {
                        halt(b.botId(), why);
                        halted.put(b.botId(), why);
                    }
                }
            }
        }
    }

    private static String botPart(String botId) {
        String id = ClientOrderIds.make("abcd", botId, 1);
        return id.substring("tbabcd-".length(), id.length() - 2);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /** Bot ids with their states, for a quick look. */
    public synchronized Map<String, BotState> states() {
        Map<String, BotState> out = new LinkedHashMap<>();
        books.forEach((id, b) -> out.put(id, b.state()));
        return out;
    }
}
