package io.tradingbots.engine.strategy;

import java.util.Objects;
import org.ta4j.core.Indicator;
import org.ta4j.core.num.Num;

/**
 * One line of a strategy's chart: a ta4j indicator built exactly as the strategy builds it for its
 * decisions, with a name, the pane it belongs on and, for a separate pane, the group of lines that
 * share that pane's scale.
 */
public record ChartIndicator(String name, Pane pane, String group, Indicator<Num> indicator) {

    /** Over the candles, on the price scale; or in a pane of its own under them. */
    public enum Pane { PRICE, SEPARATE }

    public ChartIndicator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pane, "pane");
        Objects.requireNonNull(indicator, "indicator");
        group = group == null ? "" : group;
    }

    public static ChartIndicator price(String name, Indicator<Num> indicator) {
        return new ChartIndicator(name, Pane.PRICE, "", indicator);
    }

    /** A parameter as a line name shows it: "2", "0.004", never "2.0". */
    public static String text(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public static ChartIndicator separate(String group, String name, Indicator<Num> indicator) {
        return new ChartIndicator(name, Pane.SEPARATE, group, indicator);
    }
}
