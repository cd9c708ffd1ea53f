package io.tradingbots.engine.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A symbol's trading rules as Binance's exchangeInfo gives them: PRICE_FILTER (tickSize, minPrice,
 * maxPrice), LOT_SIZE (stepSize, minQty, maxQty) and MIN_NOTIONAL / NOTIONAL (minNotional). A zero
 * bound is "no bound", as on Binance. {@link #check} rounds an order to the rules (quantity down
 * to the step; a BUY limit price down to the tick, a SELL up, so rounding never makes a worse
 * price) and refuses what still breaks them, saying which rule.
 */
public record SymbolFilters(String symbol, BigDecimal tickSize, BigDecimal minPrice, BigDecimal maxPrice,
                            BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty, BigDecimal minNotional) {

    /** What {@link #check} made of an order: the rounded quantity and price, or why it cannot be sent. */
    public record Decision(BigDecimal quantity, BigDecimal price, String refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    /** No rules at all (every step and bound zero). */
    public static SymbolFilters none(String symbol) {
        BigDecimal z = BigDecimal.ZERO;
        return new SymbolFilters(symbol, z, z, z, z, z, z, z);
    }

    public BigDecimal roundQuantity(BigDecimal quantity) {
        if (stepSize.signum() == 0) {
            return quantity;
        }
        BigDecimal steps = quantity.subtract(minQty).divide(stepSize, 0, RoundingMode.FLOOR);
        BigDecimal rounded = minQty.add(steps.multiply(stepSize));
        return rounded.signum() < 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros();
    }

    public BigDecimal roundPrice(BigDecimal price, Side side) {
        if (tickSize.signum() == 0) {
            return price;
        }
        RoundingMode mode = side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING;
        BigDecimal ticks = price.subtract(minPrice).divide(tickSize, 0, mode);
        return minPrice.add(ticks.multiply(tickSize)).stripTrailingZeros();
    }

    /**
     * Rounds and checks an order. {@code referencePrice} values a MARKET order for the notional
     * rule (the last price); a LIMIT order uses its own price.
     */
    public Decision check(Side side, OrderType type, BigDecimal quantity, BigDecimal limitPrice, BigDecimal referencePrice) {
        BigDecimal q = roundQuantity(quantity);
        BigDecimal p = type == OrderType.LIMIT ? roundPrice(limitPrice, side) : null;
        if (q.signum() <= 0 || (minQty.signum() > 0 && q.compareTo(minQty) < 0)) {
            return refuse(q, p, "LOT_SIZE: quantity " + plain(quantity) + " is below the minimum " + plain(minQty) + " of " + symbol
                    + " (step " + plain(stepSize) + ")");
        }
        if (maxQty.signum() > 0 && q.compareTo(maxQty) > 0) {
            return refuse(q, p, "LOT_SIZE: quantity " + plain(q) + " is above the maximum " + plain(maxQty) + " of " + symbol);
        }
        if (p != null) {
            if (p.signum() <= 0 || (minPrice.signum() > 0 && p.compareTo(minPrice) < 0)) {
                return refuse(q, p, "PRICE_FILTER: price " + plain(limitPrice) + " is below the minimum " + plain(minPrice) + " of " + symbol);
            }
            if (maxPrice.signum() > 0 && p.compareTo(maxPrice) > 0) {
                return refuse(q, p, "PRICE_FILTER: price " + plain(p) + " is above the maximum " + plain(maxPrice) + " of " + symbol);
            }
        }
        BigDecimal valuePrice = p != null ? p : referencePrice;
        if (minNotional.signum() > 0) {
            if (valuePrice == null) {
                return refuse(q, p, "MIN_NOTIONAL: no price known for " + symbol + " to value the order");
            }
            BigDecimal notional = q.multiply(valuePrice);
            if (notional.compareTo(minNotional) < 0) {
                return refuse(q, p, "MIN_NOTIONAL: order value " + plain(notional.setScale(8, RoundingMode.DOWN)) + " is below the minimum "
                        + plain(minNotional) + " of " + symbol + " (quantity " + plain(q) + " at " + plain(valuePrice) + ")");
            }
        }
        return new Decision(q, p, null);
    }

    private static Decision refuse(BigDecimal q, BigDecimal p, String why) {
        return new Decision(q, p, why);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
