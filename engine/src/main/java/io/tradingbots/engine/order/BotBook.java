package io.tradingbots.engine.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A bot's book: the function journal → state. {@link #apply} folds one journal event in; replaying
 * the bot's events from the first gives the same book as applying them as they were written, which
 * is how a restarted engine gets every bot back. The engine applies an event only after the
 * journal has committed it. Not thread-safe.
 */
public final class BotBook {

    private static final int MONEY_SCALE = 18;

    private final String botId;
    private final Map<String, BigDecimal> balances = new TreeMap<>();
    private final Map<String, Position> positions = new TreeMap<>();
    private final Map<String, BigDecimal> fees = new TreeMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Set<String> trades = new HashSet<>();
    private final Map<String, Order> open = new LinkedHashMap<>();
    private BigDecimal realisedPnl = BigDecimal.ZERO;
    private long lastOrderNo;
    private long fillCount;
    private long lastSeq;
    private String haltReason;

    public BotBook(String botId) {
        this.botId = botId;
    }

    /** The book of {@code botId} from its events (other bots' events are skipped). */
    public static BotBook replay(String botId, List<JournalEvent> events) {
        BotBook b = new BotBook(botId);
        for (JournalEvent e : events) {
            if (e.botId().equals(botId)) {
                b.apply(e);
            }
        }
        return b;
    }

    /** Every bot's book from the whole journal, by bot id. */
    public static Map<String, BotBook> replayAll(List<JournalEvent> events) {
        Map<String, BotBook> books = new LinkedHashMap<>();
        for (JournalEvent e : events) {
            books.computeIfAbsent(e.botId(), BotBook::new).apply(e);
        }
        return books;
    }

    public String botId() {
        return botId;
    }

    /** Folds one committed event in. An event that contradicts the book is a corrupt journal. */
    public void apply(JournalEvent e) {
        if (!e.botId().equals(botId)) {
            throw new IllegalArgumentException("event " + e.seq() + " of bot " + e.botId() + " given to bot " + botId);
        }
        lastSeq = Math.max(lastSeq, e.seq());
        switch (e.kind()) {
            case FUNDS -> balances.merge(e.asset(), e.amount(), BigDecimal::add);
            case INTENT -> {
                if (orders.containsKey(e.clientOrderId())) {
                    throw corrupt(e, "a second intent for " + e.clientOrderId());
                }
                lastOrderNo = Math.max(lastOrderNo, e.orderNo());
                put(new Order(e.clientOrderId(), botId, e.orderNo(), e.symbol(), e.side(), e.type(), e.quantity(), e.price(),
                        OrderState.INTENT, null, BigDecimal.ZERO, BigDecimal.ZERO, e.reason(), e.eventTime(), 0));
            }
            case SUBMITTED -> {
                Order o = order(e);
                if (o.state() == OrderState.INTENT || o.state() == OrderState.SUBMITTED) {
                    put(with(o, OrderState.SUBMITTED, o.exchangeOrderId(), o.reason(), e.eventTime()));
                }
            }
            case ACKNOWLEDGED -> {
                Order o = order(e);
                OrderState s = o.state() == OrderState.INTENT || o.state() == OrderState.SUBMITTED ? OrderState.ACKNOWLEDGED : o.state();
                put(with(o, s, e.exchangeOrderId(), o.reason(), o.submittedAt()));
            }
            case FILL -> fill(order(e), e);
            case CANCELLED, REJECTED -> {
                Order o = order(e);
                if (!o.state().isFinal()) {
                    OrderState s = e.kind() == JournalEvent.Kind.REJECTED && o.filledQuantity().signum() == 0
                            ? OrderState.REJECTED : OrderState.CANCELLED;
                    put(with(o, s, o.exchangeOrderId(), e.reason(), o.submittedAt()));
                }
            }
            case HALTED -> haltReason = e.reason() == null ? "halted" : e.reason();
            case RESUMED -> haltReason = null;
            default -> throw corrupt(e, "unknown kind");
        }
    }

    private void fill(Order o, JournalEvent e) {
        if (!trades.add(o.clientOrderId() + " " + e.tradeId())) {
            return; // a trade is booked once
        }
        if (o.state() == OrderState.REJECTED) {
            throw corrupt(e, "a fill for rejected order " + o.clientOrderId());
        }
        BigDecimal qty = e.quantity();
        BigDecimal quote = qty.multiply(e.price());
        BigDecimal filled = o.filledQuantity().add(qty);
        if (filled.compareTo(o.quantity()) > 0) {
            throw corrupt(e, "order " + o.clientOrderId() + " filled " + filled.toPlainString() + " of "
                    + o.quantity().toPlainString());
        }
        OrderState s = o.state() == OrderState.CANCELLED ? OrderState.CANCELLED
                : filled.compareTo(o.quantity()) == 0 ? OrderState.FILLED : OrderState.PARTIALLY_FILLED;
        put(new Order(o.clientOrderId(), botId, o.orderNo(), o.symbol(), o.side(), o.type(), o.quantity(), o.limitPrice(), s,
                o.exchangeOrderId(), filled, o.filledQuote().add(quote), o.reason(), o.createdAt(), o.submittedAt()));
        fillCount++;

        String base = o.baseAsset();
        String quoteAsset = o.quoteAsset();
        BigDecimal fee = e.fee() == null ? BigDecimal.ZERO : e.fee();
        String feeAsset = e.asset() == null ? quoteAsset : e.asset();
        BigDecimal quoteFee = feeAsset.equals(quoteAsset) ? fee : BigDecimal.ZERO;
        BigDecimal baseFee = feeAsset.equals(base) ? fee : BigDecimal.ZERO;
        Position p = positions.getOrDefault(o.symbol(), Position.flat(o.symbol()));
        if (o.side() == Side.BUY) {
            balances.merge(quoteAsset, quote.negate(), BigDecimal::add);
            balances.merge(base, qty, BigDecimal::add);
            p = new Position(o.symbol(), p.quantity().add(qty).subtract(baseFee), p.costBasis().add(quote).add(quoteFee),
                    p.realisedPnl());
        } else {
            balances.merge(base, qty.negate(), BigDecimal::add);
            balances.merge(quoteAsset, quote, BigDecimal::add);
            BigDecimal sold = qty.add(baseFee);
            BigDecimal released = p.quantity().signum() == 0 ? BigDecimal.ZERO
                    : p.costBasis().multiply(sold.min(p.quantity())).divide(p.quantity(), MONEY_SCALE, RoundingMode.HALF_EVEN);
            BigDecimal pnl = quote.subtract(quoteFee).subtract(released);
            p = new Position(o.symbol(), p.quantity().subtract(sold), p.costBasis().subtract(released),
                    p.realisedPnl().add(pnl));
            realisedPnl = realisedPnl.add(pnl);
        }
        if (p.quantity().signum() == 0) {
            p = new Position(o.symbol(), BigDecimal.ZERO, BigDecimal.ZERO, p.realisedPnl());
        }
        positions.put(o.symbol(), p);
        if (fee.signum() != 0) {
            balances.merge(feeAsset, fee.negate(), BigDecimal::add);
            fees.merge(feeAsset, fee, BigDecimal::add);
        }
    }

    private static Order with(Order o, OrderState s, String exchangeId, String reason, long submittedAt) {
        return new Order(o.clientOrderId(), o.botId(), o.orderNo(), o.symbol(), o.side(), o.type(), o.quantity(),
                o.limitPrice(), s, exchangeId, o.filledQuantity(), o.filledQuote(), reason, o.createdAt(), submittedAt);
    }

    private void put(Order o) {
        orders.put(o.clientOrderId(), o);
        if (o.state().isFinal()) {
            open.remove(o.clientOrderId());
        } else {
            open.put(o.clientOrderId(), o);
        }
    }

    private Order order(JournalEvent e) {
        Order o = orders.get(e.clientOrderId());
        if (o == null) {
            throw corrupt(e, "no intent for order " + e.clientOrderId());
        }
        return o;
    }

    private IllegalStateException corrupt(JournalEvent e, String what) {
        return new IllegalStateException("order journal of bot " + botId + " is inconsistent at event " + e.seq() + " ("
                + e.kind() + "): " + what);
    }

    public Order order(String clientOrderId) {
        return orders.get(clientOrderId);
    }

    public boolean knowsTrade(String clientOrderId, String tradeId) {
        return trades.contains(clientOrderId + " " + tradeId);
    }

    public Collection<Order> openOrders() {
        return List.copyOf(open.values());
    }

    public List<Order> orders() {
        return List.copyOf(orders.values());
    }

    public long lastOrderNo() {
        return lastOrderNo;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public String haltReason() {
        return haltReason;
    }

    public boolean isHalted() {
        return haltReason != null;
    }

    public BigDecimal balance(String asset) {
        return balances.getOrDefault(asset, BigDecimal.ZERO);
    }

    public Position position(String symbol) {
        return positions.getOrDefault(symbol, Position.flat(symbol));
    }

    /**
     * What new orders may use of {@code asset}: the balance less what open orders hold. An open
     * BUY holds its remaining quantity at its limit price in quote; an open SELL holds its
     * remaining quantity of base. (An open MARKET order's price is unknown: the router sends no
     * second order on a symbol while one is unresolved.)
     */
    public BigDecimal available(String asset) {
        BigDecimal held = BigDecimal.ZERO;
        for (Order o : open.values()) {
            if (o.side() == Side.BUY && o.quoteAsset().equals(asset) && o.limitPrice() != null) {
                held = held.add(o.remainingQuantity().multiply(o.limitPrice()));
            } else if (o.side() == Side.SELL && o.baseAsset().equals(asset)) {
                held = held.add(o.remainingQuantity());
            }
        }
        return balance(asset).subtract(held);
    }

    /** Balances valued in {@code quoteAsset}: {@code price} gives an asset's price in it (null if unknown: valued at 0). */
    public BigDecimal equity(String quoteAsset, Function<String, BigDecimal> price) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> b : balances.entrySet()) {
            if (b.getKey().equals(quoteAsset)) {
                total = total.add(b.getValue());
            } else if (b.getValue().signum() != 0) {
                BigDecimal p = price.apply(b.getKey());
                total = p == null ? total : total.add(b.getValue().multiply(p));
            }
        }
        return total;
    }

    public BotState state() {
        List<Order> openList = new ArrayList<>(open.values());
        Map<String, Position> pos = new TreeMap<>();
        positions.forEach((k, p) -> pos.put(k, new Position(k, plain(p.quantity()), plain(p.costBasis()), plain(p.realisedPnl()))));
        return new BotState(botId, Map.copyOf(normalized(balances)), Map.copyOf(pos), Map.copyOf(normalized(fees)),
                plain(realisedPnl), List.copyOf(openList), orders.size(), fillCount, haltReason);
    }

    private static Map<String, BigDecimal> normalized(Map<String, BigDecimal> m) {
        Map<String, BigDecimal> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    /** Equal amounts compare equal whatever their scale (1.50 and 1.5). */
    private static BigDecimal plain(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
