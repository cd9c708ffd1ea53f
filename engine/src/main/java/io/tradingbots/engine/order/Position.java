package io.tradingbots.engine.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A bot's holding of a symbol's base asset, at average cost: {@code costBasis} is what the held
 * quantity cost in quote currency, fees paid in quote included; {@code realisedPnl} is what sales
 * made over that cost, after fees paid in quote or base asset.
 */
public record Position(String symbol, BigDecimal quantity, BigDecimal costBasis, BigDecimal realisedPnl) {

    static Position flat(String symbol) {
        return new Position(symbol, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Cost per unit held, or null when flat. */
    public BigDecimal averageCost() {
        return quantity.signum() == 0 ? null : costBasis.divide(quantity, 12, RoundingMode.HALF_EVEN);
    }
}
