package io.tradingbots.engine.broker;

import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.Fill;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.OrderType;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A simulated venue that fills against the latest market price.
 * <ul>
 * <li>MARKET: fills at once, whole, at the last price moved against the order by the slippage
 * ({@code slippageBps}: a BUY pays last × (1 + bps/10,000), a SELL gets last × (1 − bps/10,000)),
 * rounded to the tick against the order; taker fee.</li>
 * <li>LIMIT: if the last price already reaches the limit, fills at once like a MARKET order but never
 * beyond the limit (taker fee); otherwise rests, and fills whole at its limit price at the first
 * later price that reaches it (BUY: price ≤ limit; SELL: price ≥ limit), maker fee.</li>
 * <li>Fees are charged in the quote asset, rounded up to 8 decimals. The symbol's filters apply as
 * on Binance (refusal code -1013). Balances are not its business: the router checks them.</li>
 * </ul>
 * It has no memory across restarts: {@link #restore} re-creates the resting orders from the journal.
 * Not thread-safe; the engine calls it from the market thread.
 */
public final class PaperBroker implements Broker {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final int FEE_SCALE = 8;

    /** Fees as fractions (0.001 = 0.1%) and slippage in basis points (5 = 0.05%). */
    public record Settings(BigDecimal makerFee, BigDecimal takerFee, BigDecimal slippageBps) {
        public Settings {
            check("maker fee", makerFee, new BigDecimal("0.1"));
            check("taker fee", takerFee, new BigDecimal("0.1"));
            check("slippage (bps)", slippageBps, BigDecimal.valueOf(1_000));
        }

        private static void check(String what, BigDecimal v, BigDecimal max) {
            if (v == null || v.signum() < 0 || v.compareTo(max) >= 0) {
                throw new IllegalArgumentException("paper broker " + what + " must be in [0, " + max.toPlainString() + "), got " + v);
            }
        }

        /** 0.1% maker and taker (Binance.US's base tier; set your account's tier) and 5 bps slippage. */
        public static Settings defaults() {
            return new Settings(new BigDecimal("0.001"), new BigDecimal("0.001"), BigDecimal.valueOf(5));
        }
    }

    private static final class PaperOrder {
        final Order order;
        VenueOrder.Status status = VenueOrder.Status.NEW;
        BigDecimal executed = BigDecimal.ZERO;
        final List<Fill> fills = new ArrayList<>();
        String tradePrefix = "";
        long time;

        PaperOrder(Order order, long time) {
            this.order = order;
            this.time = time;
        }

        VenueOrder view() {
            return new VenueOrder(order.symbol(), order.clientOrderId(), "paper-" + order.clientOrderId(), status,
                    order.quantity(), executed, fills, time);
        }
    }

    private final PriceSource prices;
    private final Function<String, SymbolFilters> filters;
    private final Settings settings;
    private final Map<String, PaperOrder> orders = new LinkedHashMap<>();

    public PaperBroker(PriceSource prices, Function<String, SymbolFilters> filters, Settings settings) {
        this.prices = prices;
        this.filters = filters;
        this.settings = settings;
    }

    @Override
    public String venue() {
        return "paper";
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public SymbolFilters filters(String symbol) {
        return filters.apply(symbol);
    }

    @Override
    public BigDecimal takerFee() {
        return settings.takerFee();
    }

    @Override
    public VenueOrder place(Order order) {
        if (orders.containsKey(order.clientOrderId())) {
            throw new BrokerException.Rejected(-2010, "Duplicate order sent.");
        }
        PriceTick last = prices.last(order.symbol())
                .orElseThrow(() -> new BrokerException.Rejected(-1013, "no market price yet for " + order.symbol()));
        SymbolFilters.Decision d = filters(order.symbol()).check(order.side(), order.type(), order.quantity(),
                order.limitPrice(), last.price());
        if (!d.accepted() || d.quantity().compareTo(order.quantity()) != 0
                || (order.limitPrice() != null && d.price().compareTo(order.limitPrice()) != 0)) {
            throw new BrokerException.Rejected(-1013, "Filter failure: " + (d.accepted() ? "quantity or price off the step" : d.refusal()));
        }
        PaperOrder p = new PaperOrder(order, last.time());
        orders.put(order.clientOrderId(), p);
        BigDecimal taker = takerPrice(order, last.price());
        if (order.type() == OrderType.MARKET) {
            fill(p, taker, settings.takerFee(), last.time());
        } else if (reaches(order, last.price())) {
            BigDecimal price = order.side() == Side.BUY ? taker.min(order.limitPrice()) : taker.max(order.limitPrice());
            fill(p, price, settings.takerFee(), last.time());
        }
        return report(p);
    }

    private BigDecimal takerPrice(Order order, BigDecimal last) {
        BigDecimal slip = settings.slippageBps().divide(TEN_THOUSAND);
        BigDecimal raw = order.side() == Side.BUY ? last.multiply(BigDecimal.ONE.add(slip)) : last.multiply(BigDecimal.ONE.subtract(slip));
        SymbolFilters f = filters(order.symbol());
        // against the order: a BUY's price rounds up, a SELL's down
        return f.roundPrice(raw, order.side() == Side.BUY ? Side.SELL : Side.BUY);
    }

    private static boolean reaches(Order order, BigDecimal price) {
        return order.side() == Side.BUY ? price.compareTo(order.limitPrice()) <= 0 : price.compareTo(order.limitPrice()) >= 0;
    }

    private void fill(PaperOrder p, BigDecimal price, BigDecimal feeRate, long time) {
        BigDecimal qty = p.order.quantity().subtract(p.executed);
        BigDecimal fee = qty.multiply(price).multiply(feeRate).setScale(FEE_SCALE, RoundingMode.UP).stripTrailingZeros();
        p.fills.add(new Fill(p.order.clientOrderId(), p.tradePrefix + (p.fills.size() + 1), price.stripTrailingZeros(), qty, fee,
                p.order.quoteAsset(), time));
        p.executed = p.order.quantity();
        p.status = VenueOrder.Status.FILLED;
        p.time = time;
    }

    @Override
    public void onPrice(PriceTick tick) {
        for (PaperOrder p : orders.values()) {
            if (p.status.isOpen() && p.order.symbol().equals(tick.symbol()) && reaches(p.order, tick.price())) {
                fill(p, p.order.limitPrice(), settings.makerFee(), tick.time());
            }
        }
    }

    @Override
    public Optional<VenueOrder> find(String symbol, String clientOrderId) {
        PaperOrder p = orders.get(clientOrderId);
        return p == null ? Optional.empty() : Optional.of(report(p));
    }

    @Override
    public VenueOrder cancel(String symbol, String clientOrderId) {
        PaperOrder p = orders.get(clientOrderId);
        if (p == null) {
            throw new BrokerException.Rejected(-2011, "Unknown order sent: " + clientOrderId);
        }
        if (p.status.isOpen()) {
            p.status = VenueOrder.Status.CANCELED;
        }
        return report(p);
    }

    /** The order's view; a final order is forgotten once reported, so memory holds only open orders. */
    private VenueOrder report(PaperOrder p) {
        if (!p.status.isOpen()) {
            orders.remove(p.order.clientOrderId());
        }
        return p.view();
    }

    @Override
    public List<VenueOrder> openOrders(String symbol) {
        List<VenueOrder> out = new ArrayList<>();
        for (PaperOrder p : orders.values()) {
            if (p.status.isOpen() && (symbol == null || p.order.symbol().equals(symbol))) {
                out.add(p.view());
            }
        }
        return out;
    }

    @Override
    public Map<String, BigDecimal> balances() {
        return Map.of();
    }

    @Override
    public long acceptanceWindowMs() {
        return 0; // placing is a method call: an order this venue has not seen never will be
    }

    /** Resting orders the journal says this venue held (acknowledged, perhaps partly filled). */
    @Override
    public void restore(Collection<Order> open) {
        for (Order o : open) {
            if (o.state().isAtVenue() && !orders.containsKey(o.clientOrderId())) {
                PaperOrder p = new PaperOrder(o, o.submittedAt());
                p.executed = o.filledQuantity();
                p.tradePrefix = "r"; // trade ids of a restored order must not repeat those it had before
                p.status = o.state() == OrderState.PARTIALLY_FILLED ? VenueOrder.Status.PARTIALLY_FILLED : VenueOrder.Status.NEW;
                orders.put(o.clientOrderId(), p);
            }
        }
    }
}
