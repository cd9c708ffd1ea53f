package io.tradingbots.desktop.performance;

/**
 * One line of the comparison table, formatted: a bot (from its equity export and ListBots figures)
 * or a stored backtest. {@code buyAndHold} is the same period's buy-and-hold return: for a bot the
 * change of its symbol's price between the first and last row of its export (no fees), for a
 * backtest the engine's own buy-and-hold figure.
 */
public record ComparisonRow(String kind, String name, String period, String points, String totalReturn, String maxDrawdown,
                            String trades, String fees, String buyAndHold) {}
