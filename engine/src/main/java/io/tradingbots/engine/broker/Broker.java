package io.tradingbots.engine.broker;

import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A venue that executes orders: the paper broker or an exchange. It journals nothing itself:
 * {@link OrderRouter} writes every step to the journal around these calls. Orders are named by
 * our client order id, which the venue keeps, so an order can always be found again.
 */
public interface Broker {

    /** "paper" or the exchange's name. */
    String venue();

    /** True when orders spend real money. */
    boolean isLive();

    /** The symbol's lot, tick and notional rules. */
    SymbolFilters filters(String symbol);

    /** The taker fee as a fraction (0.001 = 0.1%), used to check a bot's funds before sending. */
    BigDecimal takerFee();

    /**
     * Sends the order under its client order id and returns the venue's answer.
     * @throws BrokerException.Rejected the venue refused it
     * @throws BrokerException.OutcomeUnknown it may exist: look it up with {@link #find}
     * @throws BrokerException.Unavailable it certainly was not placed
     */
    VenueOrder place(Order order);

    /** The venue's record of the order, with its fills, or empty if the venue has none. */
    Optional<VenueOrder> find(String symbol, String clientOrderId);

    /** Cancels an open order; returns the venue's record after the cancel (it may have filled first). */
    VenueOrder cancel(String symbol, String clientOrderId);

    /** The venue's open orders on the symbol (all symbols when null). */
    List<VenueOrder> openOrders(String symbol);

    /** The account's total balance (free + locked) per asset; empty for a venue without an account. */
    Map<String, BigDecimal> balances();

    /**
     * Milliseconds after sending during which a request not seen by the venue may still arrive and
     * execute (Binance: the request's {@code recvWindow}). After it, "not found" means "never placed".
     */
    long acceptanceWindowMs();

    /** A new market price (the paper broker fills resting orders at it). */
    default void onPrice(PriceTick tick) {}

    /** After a restart: the orders the journal says the venue holds (the paper broker re-creates them). */
    default void restore(Collection<Order> open) {}
}
