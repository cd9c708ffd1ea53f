package io.tradingbots.engine.market;

/**
 * The last candle of one market feed, for the health report.
 *
 * @param name               "binanceus BTC/USD 1m", "sim ETH/USD 1m", "kraken BTC/USD 5m"
 * @param timeframe          the candles' timeframe
 * @param lastCloseMs        close time of the last candle (market time), 0 before the first
 * @param ageMs              wall-clock ms the feed has been quiet: now minus the close time for a live feed,
 *                           since delivery for a simulated or replayed one; -1 before the first candle
 * @param expectedIntervalMs wall-clock ms expected between two candles
 */
public record FeedStatus(String name, Timeframe timeframe, long lastCloseMs, long ageMs, long expectedIntervalMs) {}
