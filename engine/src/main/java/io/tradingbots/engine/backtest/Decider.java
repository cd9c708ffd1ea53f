package io.tradingbots.engine.backtest;

/** Decides at a bar's close. Implementations see bars up to {@code i} only. */
interface Decider {

    /** True to act at bar i: enter when flat, exit when holding. */
    boolean act(int i, boolean holding);

    /** A fill happened at bar i's open (the ta4j path records it for rules that read the trading record). */
    default void filled(int i, boolean buy, double price, double quantity) {}
}
