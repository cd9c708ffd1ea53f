package io.tradingbots.engine.backtest;

import io.tradingbots.engine.history.CandleColumns;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;

/**
 * Candles of one series for a backtest, as columns of doubles (about 48 bytes a bar), ascending
 * by open time. Prices are the doubles nearest the exact decimals; money at the boundaries
 * (reports, JSON) is printed from these doubles, which is what a backtest can honestly claim.
 * Immutable once built; the arrays are shared, never written.
 */
public final class Bars {

    private final String symbol;
    private final Timeframe timeframe;
    final long[] openTime;
    final double[] open;
    final double[] high;
    final double[] low;
    final double[] close;
    final double[] volume;

    public Bars(String symbol, Timeframe timeframe, long[] openTime, double[] open, double[] high, double[] low,
                double[] close, double[] volume) {
        int n = openTime.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("columns of different lengths");
        }
        for (int i = 1; i < n; i++) {
            if (openTime[i] <= openTime[i - 1]) {
                throw new IllegalArgumentException("bars not ascending at " + i);
            }
        }
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.openTime = openTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
    }

    public static Bars of(CandleColumns c) {
        int n = c.size();
        long[] t = new long[n];
        double[][] v = new double[5][n];
        for (int i = 0; i < n; i++) {
            t[i] = c.openTime(i);
            for (int k = 0; k < 5; k++) {
                v[k][i] = c.doubleValue(i, k);
            }
        }
        return new Bars(c.key().symbol(), c.key().timeframe(), t, v[0], v[1], v[2], v[3], v[4]);
    }

    public static Bars of(String symbol, Timeframe tf, List<Candle> candles) {
        int n = candles.size();
        long[] t = new long[n];
        double[][] v = new double[5][n];
        for (int i = 0; i < n; i++) {
            Candle c = candles.get(i);
            t[i] = c.openTime();
            v[0][i] = c.open().doubleValue();
            v[1][i] = c.high().doubleValue();
            v[2][i] = c.low().doubleValue();
            v[3][i] = c.close().doubleValue();
            v[4][i] = c.volume().doubleValue();
        }
        return new Bars(symbol, tf, t, v[0], v[1], v[2], v[3], v[4]);
    }

    public String symbol() {
        return symbol;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int size() {
        return openTime.length;
    }

    public long openTime(int i) {
        return openTime[i];
    }

    public double open(int i) {
        return open[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double close(int i) {
        return close[i];
    }

    public double volume(int i) {
        return volume[i];
    }

    /** A copy of the close column. */
    public double[] closes() {
        return close.clone();
    }

    /** Bars [from, to) as a new Bars sharing nothing. */
    public Bars slice(int from, int to) {
        return new Bars(symbol, timeframe, Arrays.copyOfRange(openTime, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to), Arrays.copyOfRange(close, from, to),
                Arrays.copyOfRange(volume, from, to));
    }

    /** First index whose open time is at or after {@code time} (size() if none). */
    public int indexAtOrAfter(long time) {
        int i = Arrays.binarySearch(openTime, time);
        return i >= 0 ? i : -i - 1;
    }

    /** The same bars as a ta4j series of {@link DoubleNum}, each bar ending at its close time. */
    public BarSeries toSeries() {
        List<org.ta4j.core.Bar> list = new ArrayList<>(size());
        java.time.Duration d = timeframe.duration();
        for (int i = 0; i < size(); i++) {
            ZonedDateTime end = ZonedDateTime.ofInstant(Instant.ofEpochMilli(openTime[i] + timeframe.millis()), ZoneOffset.UTC);
            list.add(new BaseBar(d, end, DoubleNum.valueOf(open[i]), DoubleNum.valueOf(high[i]), DoubleNum.valueOf(low[i]),
                    DoubleNum.valueOf(close[i]), DoubleNum.valueOf(volume[i]), DoubleNum.valueOf(0), 0));
        }
        return new BaseBarSeriesBuilder().withName(symbol + " " + timeframe).withNumTypeOf(DoubleNum.class).withBars(list)
                .build();
    }

    /** The two series restricted to the open times both have, in order: what arbitrage trades on. */
    public static Bars[] align(Bars a, Bars b) {
        int i = 0;
        int j = 0;
        int[] ia = new int[Math.min(a.size(), b.size())];
        int[] ib = new int[ia.length];
        int n = 0;
        while (i < a.size() && j < b.size()) {
            if (a.openTime[i] == b.openTime[j]) {
                ia[n] = i++;
                ib[n++] = j++;
            } else if (a.openTime[i] < b.openTime[j]) {
                i++;
            } else {
                j++;
            }
        }
        return new Bars[] {a.pick(ia, n), b.pick(ib, n)};
    }

    private Bars pick(int[] idx, int n) {
        long[] t = new long[n];
        double[][] v = new double[5][n];
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            t[k] = openTime[i];
            v[0][k] = open[i];
            v[1][k] = high[i];
            v[2][k] = low[i];
            v[3][k] = close[i];
            v[4][k] = volume[i];
        }
        return new Bars(symbol, timeframe, t, v[0], v[1], v[2], v[3], v[4]);
    }
}
