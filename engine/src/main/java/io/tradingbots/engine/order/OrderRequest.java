package io.tradingbots.engine.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a bot asks for: buy or sell {@code quantity} of the base asset of {@code symbol}
 * ("BTC/USD"), at market or with a limit price. {@code reason} (the signal) is journaled with it.
 */
public record OrderRequest(String botId, String symbol, Side side, OrderType type, BigDecimal quantity,
                           BigDecimal limitPrice, String reason) {

    public OrderRequest {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        if (symbol == null || symbol.indexOf('/') <= 0 || symbol.indexOf('/') == symbol.length() - 1) {
            throw new IllegalArgumentException("symbol must be BASE/QUOTE, got " + symbol);
        }
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive, got " + quantity.toPlainString());
        }
        if (type == OrderType.LIMIT && (limitPrice == null || limitPrice.signum() <= 0)) {
            throw new IllegalArgumentException("a LIMIT order needs a positive limit price");
        }
        if (type == OrderType.MARKET && limitPrice != null) {
            throw new IllegalArgumentException("a MARKET order has no limit price");
        }
        reason = reason == null ? "" : reason;
    }

    public static OrderRequest market(String botId, String symbol, Side side, BigDecimal quantity, String reason) {
        return new OrderRequest(botId, symbol, side, OrderType.MARKET, quantity, null, reason);
    }

    public static OrderRequest limit(String botId, String symbol, Side side, BigDecimal quantity, BigDecimal price, String reason) {
        return new OrderRequest(botId, symbol, side, OrderType.LIMIT, quantity, price, reason);
    }

    public String baseAsset() {
        return symbol.substring(0, symbol.indexOf('/'));
    }

    public String quoteAsset() {
        return symbol.substring(symbol.indexOf('/') + 1);
    }
}
