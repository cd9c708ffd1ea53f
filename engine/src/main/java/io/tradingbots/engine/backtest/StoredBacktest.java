package io.tradingbots.engine.backtest;

import java.util.Map;

/**
 * A backtest kept in the database: what was asked and the headline figures, for listing and
 * comparing. Undefined figures are NaN.
 */
public record StoredBacktest(long id, long createdAt, String exchange, String symbol, String timeframe, String strategy,
                             Map<String, String> params, double fee, double capital, double slippageBps,
                             String secondExchange, long firstOpen, long lastOpen, int bars, double finalEquity,
                             double totalReturn, double holdReturn, double maxDrawdown, double sharpe, int trades) {

    /** A stored backtest with its whole result. */
    public record Full(StoredBacktest summary, BacktestResult result) {}
}
