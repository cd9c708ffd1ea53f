package io.tradingbots.desktop.charts;

import java.math.BigDecimal;
import java.util.Objects;

/** An entry or exit to mark on the chart: when, at what price, bought or sold. */
public record TradeMarker(long time, BigDecimal price, Side side) {

    public enum Side { BUY, SELL }

    public TradeMarker {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(side, "side");
    }
}
