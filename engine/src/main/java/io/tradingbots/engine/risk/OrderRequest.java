package io.tradingbots.engine.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order a bot wants to send, as the risk manager sees it. {@code price} is the price the bot
 * expects (its limit price, or the last price for a market order); null means "use the latest
 * mark". Whether it is an entry or an exit follows from the bot's position: the part that brings
 * the position toward zero is an exit, anything beyond is an entry.
 */
public record OrderRequest(String botId, String symbol, Side side, BigDecimal quantity, BigDecimal price, String reason) {

    public enum Side { BUY, SELL }

    public OrderRequest {
        Objects.requireNonNull(botId, "bot id");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("order quantity must be positive, got " + quantity.toPlainString());
        }
        if (price != null && price.signum() <= 0) {
            throw new IllegalArgumentException("order price must be positive, got " + price.toPlainString());
        }
        reason = reason == null ? "" : reason;
    }

    public OrderRequest withQuantity(BigDecimal q) {
        return new OrderRequest(botId, symbol, side, q, price, reason);
    }

    /** +1 for a buy, -1 for a sell. */
    int sign() {
        return side == Side.BUY ? 1 : -1;
    }
}
