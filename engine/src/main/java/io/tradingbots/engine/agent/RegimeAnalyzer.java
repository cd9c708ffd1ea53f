package io.tradingbots.engine.agent;

import io.tradingbots.engine.market.Candle;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.num.DoubleNum;

/**
 * Labels one symbol's market on each closed candle: high volatility when the realised volatility
 * ranks in the top of its own recent history; else trending (up or down, by the slope's sign) when
 * ADX and the efficiency ratio both say the moves add up; else ranging. A label, once given, is
 * kept until the numbers fall below lower thresholds (hysteresis, see {@link Settings}). ADX comes from ta4j; the
 * other features are a few lines each over fixed-size rings. Not thread-safe: one market thread.
 */
public final class RegimeAnalyzer {

    /** The thresholds and windows; {@link #defaults()} are the ones the docs describe. */
    /**
     * Entering a regime takes the {@code trend*}/{@code highVolPercentile} thresholds; staying in it
     * only the lower {@code keep*} ones (hysteresis), so a reading that hovers around a threshold
     * does not flip the label back and forth.
     */
    public record Settings(int window, int adxPeriod, int lookback, double trendAdx, double trendEfficiency, double highVolPercentile,
                           double keepTrendAdx, double keepTrendEfficiency, double keepHighVolPercentile) {
        public Settings {
            if (window < 5 || adxPeriod < 2 || lookback < 20) {
                throw new IllegalArgumentException("regime windows too short: window " + window + ", ADX " + adxPeriod + ", lookback " + lookback);
            }
            if (keepTrendAdx > trendAdx || keepTrendEfficiency > trendEfficiency || keepHighVolPercentile > highVolPercentile) {
                throw new IllegalArgumentException("regime thresholds: staying in a regime cannot take more than entering it");
            }
        }

        public static Settings defaults() {
            return new Settings(20, 14, 500, 25, 0.30, 90, 20, 0.20, 75);
        }
    }

    private final String symbol;
    private final Settings s;
    private final BarSeries series;
    private final ADXIndicator adx;
    private final double[] close;
    private final double[] high;
    private final double[] low;
    private final double[] vols;
    private long count;
    private int volCount;
    private Regime current = Regime.UNKNOWN;
    private long since;
    private int inRegime;

    public RegimeAnalyzer(String symbol, Settings settings) {
        this.symbol = symbol;
        this.s = settings;
        this.series = new BaseBarSeriesBuilder().withName(symbol).withNumTypeOf(DoubleNum.class)
                .withMaxBarCount(Math.max(200, 10 * settings.adxPeriod())).build();
        this.adx = new ADXIndicator(series, settings.adxPeriod());
        this.close = new double[settings.window() + 1];
        this.high = new double[settings.window()];
        this.low = new double[settings.window()];
        this.vols = new double[settings.lookback()];
    }

    /** Feeds a closed candle; returns the reading at its close (UNKNOWN until enough candles). */
    public RegimeReading onCandle(Candle c) {
        double cl = c.close().doubleValue();
        double hi = c.high().doubleValue();
        double lo = c.low().doubleValue();
        series.addBar(Duration.ofMillis(c.timeframe().millis()), ZonedDateTime.ofInstant(Instant.ofEpochMilli(c.closeTime()), ZoneOffset.UTC),
                c.open().doubleValue(), hi, lo, cl, c.volume().doubleValue());
        close[(int) (count % close.length)] = cl;
        high[(int) (count % high.length)] = hi;
        low[(int) (count % low.length)] = lo;
        count++;
        int w = s.window();
        if (count <= w) {
            return reading(c, Regime.UNKNOWN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        // Returns, path length and log-price regression over the last w candles.
        double path = 0;
        double sumR = 0;
        double sumR2 = 0;
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        double prev = close[(int) ((count - 1 - w) % close.length)];
        double first = prev;
        for (int i = 0; i < w; i++) {
            double x = close[(int) ((count - w + i) % close.length)];
            double r = Math.log(x / prev);
            sumR += r;
            sumR2 += r * r;
            path += Math.abs(x - prev);
            double y = Math.log(x);
            sx += i;
            sy += y;
            sxy += i * y;
            sxx += (double) i * i;
            prev = x;
        }
        double vol = Math.sqrt(Math.max(0, (sumR2 - sumR * sumR / w) / (w - 1))) * 100;
        double efficiency = path == 0 ? 0 : Math.abs(prev - first) / path;
        double slope = (w * sxy - sx * sy) / (w * sxx - sx * sx) * 100;
        double maxH = Double.NEGATIVE_INFINITY;
        double minL = Double.POSITIVE_INFINITY;
        for (int i = 0; i < w; i++) {
            maxH = Math.max(maxH, high[i]);
            minL = Math.min(minL, low[i]);
        }
        double range = (maxH - minL) / cl * 100;
        vols[volCount % vols.length] = vol;
        volCount++;
        int n = Math.min(volCount, vols.length);
        int atOrBelow = 0;
        for (int i = 0; i < n; i++) {
            if (vols[i] <= vol) {
                atOrBelow++;
            }
        }
        double percentile = 100.0 * atOrBelow / n;
        double adxValue = adx.getValue(series.getEndIndex()).doubleValue();
        Regime label;
        if (count < 2L * s.adxPeriod() + w || volCount < Math.min(50, s.lookback())) {
            label = Regime.UNKNOWN;
        } else if (percentile >= (current == Regime.HIGH_VOLATILITY ? s.keepHighVolPercentile() : s.highVolPercentile())) {
            label = Regime.HIGH_VOLATILITY;
        } else if (stillTrending(slope, adxValue, efficiency)) {
            label = current;
        } else if (adxValue >= s.trendAdx() && efficiency >= s.trendEfficiency()) {
            label = slope >= 0 ? Regime.TRENDING_UP : Regime.TRENDING_DOWN;
        } else {
            label = Regime.RANGING;
        }
        return reading(c, label, adxValue, efficiency, slope, vol, percentile, range);
    }

    /** A trend already under way holds while ADX and efficiency stay above the lower keep thresholds, in the same direction. */
    private boolean stillTrending(double slope, double adxValue, double efficiency) {
        boolean same = current == Regime.TRENDING_UP ? slope >= 0 : current == Regime.TRENDING_DOWN && slope < 0;
        return same && adxValue >= s.keepTrendAdx() && efficiency >= s.keepTrendEfficiency();
    }

    private RegimeReading reading(Candle c, Regime label, double adxValue, double efficiency, double slope, double vol, double pct,
                                  double range) {
        if (label != current) {
            current = label;
            since = c.openTime();
            inRegime = 0;
        }
        inRegime++;
        return new RegimeReading(symbol, c.closeTime(), label, adxValue, efficiency, slope, vol, pct, range, since, inRegime);
    }

    public String symbol() {
        return symbol;
    }
}
