package io.tradingbots.engine.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A bot's state as derived from the journal: balances per asset (cash is the quote asset's),
 * positions per symbol, fees paid per asset, realised P&L in quote currency, the orders not yet
 * final, and the halt alert (null while the bot may trade).
 */
public record BotState(String botId, Map<String, BigDecimal> balances, Map<String, Position> positions,
                       Map<String, BigDecimal> feesPaid, BigDecimal realisedPnl, List<Order> openOrders,
                       long orderCount, long fillCount, String haltReason) {

    public BigDecimal balance(String asset) {
        return balances.getOrDefault(asset, BigDecimal.ZERO);
    }
}
