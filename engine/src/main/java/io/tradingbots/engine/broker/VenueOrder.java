package io.tradingbots.engine.broker;

import io.tradingbots.engine.order.Fill;
import java.math.BigDecimal;
import java.util.List;

/**
 * An order as the venue reports it, with every fill it has had so far ({@code fills} complete
 * whenever {@code executedQuantity} is above zero; each fill carries our client order id).
 */
public record VenueOrder(String symbol, String clientOrderId, String exchangeOrderId, Status status, BigDecimal quantity,
                         BigDecimal executedQuantity, List<Fill> fills, long time) {

    /** Binance's order statuses (PENDING_CANCEL counts as still open). */
    public enum Status {
        NEW, PARTIALLY_FILLED, FILLED, CANCELED, PENDING_CANCEL, REJECTED, EXPIRED;

        public boolean isOpen() {
            return this == NEW || this == PARTIALLY_FILLED || this == PENDING_CANCEL;
        }
    }

    public VenueOrder {
        fills = List.copyOf(fills);
    }
}
