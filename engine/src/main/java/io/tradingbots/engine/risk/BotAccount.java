package io.tradingbots.engine.risk;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What one bot holds: its cash (quote currency) and its positions by symbol (positive long,
 * negative short). The runtime hands a new one to the risk manager after every fill.
 */
public record BotAccount(String botId, BigDecimal cash, Map<String, BigDecimal> positions) {

    public BotAccount {
        Objects.requireNonNull(botId, "bot id");
        Objects.requireNonNull(cash, "cash");
        positions = Map.copyOf(positions);
    }

    public static BotAccount of(String botId, BigDecimal cash, String symbol, BigDecimal position) {
        return new BotAccount(botId, cash, position.signum() == 0 ? Map.of() : Map.of(symbol, position));
    }

    public BigDecimal position(String symbol) {
        return positions.getOrDefault(symbol, BigDecimal.ZERO);
    }
}
