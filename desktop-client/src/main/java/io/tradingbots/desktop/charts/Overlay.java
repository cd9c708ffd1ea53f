package io.tradingbots.desktop.charts;

import java.util.Objects;

/**
 * A line of the chart: one value per candle (NaN where it has none yet). {@link Pane#PRICE} lines
 * are drawn over the candles on the price scale; {@link Pane#SEPARATE} lines in a pane of their own
 * under them, one pane per {@code group}, on that pane's scale.
 */
public record Overlay(String name, double[] values, Pane pane, String group) {

    public enum Pane { PRICE, SEPARATE }

    public Overlay {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(pane, "pane");
        group = group == null ? "" : group;
    }

    /** A line over the candles. */
    public Overlay(String name, double[] values) {
        this(name, values, Pane.PRICE, "");
    }
}
