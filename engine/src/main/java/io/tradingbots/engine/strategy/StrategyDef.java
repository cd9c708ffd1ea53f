package io.tradingbots.engine.strategy;

import java.util.List;
import org.ta4j.core.Strategy;

/**
 * A named, parameterised strategy. {@link #build} makes a fresh ta4j {@link Strategy} on the given
 * series: the same object decides live (on a bounded series) and in backtests (on the full series).
 */
public interface StrategyDef {

    String name();

    /** One line: what it does. The exact rules are in docs/strategies.md. */
    String summary();

    List<ParamDef> params();

    /** The parameters given these raw values (an overlay's list depends on its base). */
    default List<ParamDef> params(java.util.Map<String, String> given) {
        return params();
    }

    /** Checks that involve several parameters (fast &lt; slow); single values are already in range. */
    default void validate(Params p) {}

    /** Whether it needs {@link StrategyInputs#second()}. */
    default boolean needsSecondSeries() {
        return false;
    }

    /** Bars before the first bar at which the strategy may decide. */
    int unstableBars(Params p);

    Strategy build(StrategyInputs in, Params p);

    /**
     * The lines a chart of this strategy shows: the indicators its rules read, built on
     * {@code in} with the same parameters and classes as {@link #build}, so their values are the
     * ones the strategy decides on. Nothing here changes a decision. None by default.
     */
    default List<ChartIndicator> indicators(StrategyInputs in, Params p) {
        return List.of();
    }
}
