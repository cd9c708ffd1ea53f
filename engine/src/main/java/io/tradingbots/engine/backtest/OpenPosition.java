package io.tradingbots.engine.backtest;

/** A position still open at the end: marked at the last close, no exit fee. */
public record OpenPosition(long entryTime, double entryPrice, double quantity, int entryBar, double markPrice,
                           double unrealizedProfit) {}
