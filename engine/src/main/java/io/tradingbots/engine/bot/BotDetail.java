package io.tradingbots.engine.bot;

import java.math.BigDecimal;

/**
 * Everything BotService shows about one bot: its plan entry, its status, and its money as the
 * order journal says (cash = the quote balance, position = the base quantity held).
 */
public record BotDetail(BotSpec spec, BotStatus status, String statusReason, BigDecimal allocatedCapital, BigDecimal cash,
                        BigDecimal position, BigDecimal lastPrice, BigDecimal equity, BigDecimal realisedPnl,
                        BigDecimal feesPaid, long orderCount, long fillCount, int openOrders, String lastSignal,
                        long lastDecisionTime) {}
