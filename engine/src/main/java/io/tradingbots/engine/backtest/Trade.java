package io.tradingbots.engine.backtest;

/**
 * A closed round trip. Times are the open times (ms UTC) of the fill bars; prices are the fill
 * prices after slippage; {@code profit} = cash after the exit - cash before the entry (fees included).
 */
public record Trade(long entryTime, double entryPrice, long exitTime, double exitPrice, double quantity, double profit,
                    double fees, int entryBar, int exitBar) {}
