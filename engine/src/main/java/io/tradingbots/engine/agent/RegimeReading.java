package io.tradingbots.engine.agent;

/**
 * One symbol's regime at a candle's close, with the numbers behind it.
 *
 * @param adx                  Wilder's ADX over {@code adxPeriod} candles: trend strength, 0-100 (25+ is a trend)
 * @param efficiencyRatio      Kaufman's efficiency ratio over the window: net move / path length, 0 (noise) to 1 (straight line)
 * @param slopePercentPerBar   least-squares slope of log(close) over the window, in percent per candle
 * @param volatilityPercent    standard deviation of log returns over the window, in percent per candle
 * @param volatilityPercentile where that volatility ranks among the last {@code lookback} candles' values, 0-100
 * @param rangeWidthPercent    (highest high - lowest low) over the window, in percent of the last close
 * @param since                open time (ms) of the first candle of the current regime
 * @param candlesInRegime      how many consecutive candles carried this label
 */
public record RegimeReading(String symbol, long time, Regime regime, double adx, double efficiencyRatio, double slopePercentPerBar,
                            double volatilityPercent, double volatilityPercentile, double rangeWidthPercent, long since,
                            int candlesInRegime) {

    /** "ADX 31.2, efficiency 0.42, slope +0.08%/candle, volatility 0.61% (72nd percentile), range 4.1%". */
    public String numbers() {
        return String.format(java.util.Locale.ROOT, "ADX %.1f, efficiency %.2f, slope %+.3f%%/candle, volatility %.2f%% (%s percentile),"
                + " range %.1f%%", adx, efficiencyRatio, slopePercentPerBar, volatilityPercent, ordinal((int) Math.round(volatilityPercentile)),
                rangeWidthPercent);
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
