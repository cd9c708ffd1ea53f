package io.tradingbots.engine.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An order as the journal knows it. {@code filledQuote} is the sum of price × quantity over its
 * fills; {@code reason} is the signal for a live order, the cause for a rejected or cancelled one.
 */
public record Order(String clientOrderId, String botId, long orderNo, String symbol, Side side, OrderType type,
                    BigDecimal quantity, BigDecimal limitPrice, OrderState state, String exchangeOrderId,
                    BigDecimal filledQuantity, BigDecimal filledQuote, String reason, long createdAt, long submittedAt) {

    public BigDecimal remainingQuantity() {
        return quantity.subtract(filledQuantity);
    }

    /** The average fill price, or null before the first fill. */
    public BigDecimal averagePrice() {
        return filledQuantity.signum() == 0 ? null : filledQuote.divide(filledQuantity, 12, RoundingMode.HALF_EVEN);
    }

    public String baseAsset() {
        return symbol.substring(0, symbol.indexOf('/'));
    }

    public String quoteAsset() {
        return symbol.substring(symbol.indexOf('/') + 1);
    }
}
