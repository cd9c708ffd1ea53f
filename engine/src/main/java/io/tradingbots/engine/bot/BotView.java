package io.tradingbots.engine.bot;

import java.math.BigDecimal;

/** A bot's state at one moment, as published to watchers. Immutable. */
public record BotView(
        String id,
        String name,
        String strategy,
        String symbol,
        String timeframe,
        BotStatus status,
        String statusReason,
        BigDecimal allocationPercent,
        BigDecimal allocatedCapital,
        BigDecimal cash,
        BigDecimal position,
        BigDecimal equity,
        BigDecimal todayPnl,
        long tradeCount,
        long lastDecisionTime,
        String lastSignal) {}
