package io.tradingbots.engine.market;

import java.math.BigDecimal;

/** The last price of a symbol and its change over 24 market hours (null while unknown). */
public record PriceView(String symbol, BigDecimal price, long time, BigDecimal change24hPercent) {}
