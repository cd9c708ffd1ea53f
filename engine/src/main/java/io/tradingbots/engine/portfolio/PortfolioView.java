package io.tradingbots.engine.portfolio;

import java.math.BigDecimal;

/** The whole portfolio at one moment. Amounts in quote currency (USD). */
public record PortfolioView(BigDecimal initialCapital, BigDecimal equity, BigDecimal cash, BigDecimal todayPnl,
                            BigDecimal drawdownPercent, BigDecimal peakEquity) {}
