package io.tradingbots.desktop.performance;

import java.math.BigDecimal;

/** One line of a bot's equity export: the candle close the bot decided on, the price, and its equity then. */
public record EquityRow(long time, BigDecimal price, BigDecimal equity) {}
