package io.tradingbots.engine.market;

import java.math.BigDecimal;

/** The last traded price of a symbol at a market time (ms since epoch). */
public record PriceTick(String symbol, long time, BigDecimal price) {}
