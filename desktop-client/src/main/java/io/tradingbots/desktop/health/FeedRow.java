package io.tradingbots.desktop.health;

/**
 * One market feed in the System health view.
 *
 * @param feed       "binanceus BTC/USD 1m"
 * @param lastCandle close time of its last candle (market time: simulated or replayed time when not live)
 * @param age        how long the feed has been quiet, "4.2 s", "3m 05s", or "none yet"
 * @param state      "ok", "STALE", or "waiting" before the first candle
 * @param stale      quiet for longer than twice its candle interval plus {@link HealthViewModel#STALE_MARGIN_MS}
 */
public record FeedRow(String feed, String lastCandle, String age, String state, boolean stale) {}
