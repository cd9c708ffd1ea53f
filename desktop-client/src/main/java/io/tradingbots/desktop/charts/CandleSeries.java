package io.tradingbots.desktop.charts;

import io.tradingbots.api.v1.CandleChunk;
import java.util.Arrays;

/**
 * One series of candles in memory for drawing: open times and OHLCV as primitive columns (48
 * bytes a candle, so two million one-minute candles, nearly four years, take about 96 MB).
 * Values are doubles: the chart draws and reads out prices, it never does money with them.
 */
public final class CandleSeries {

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private long[] times;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private int size;
    private int priceDecimals;

    public CandleSeries() {
        this(1024);
    }

    public CandleSeries(int capacity) {
        int c = Math.max(16, capacity);
        times = new long[c];
        open = new double[c];
        high = new double[c];
        low = new double[c];
        close = new double[c];
        volume = new double[c];
    }

    /** Appends a candle; open times must ascend. */
    public void add(long time, double o, double h, double l, double c, double v) {
        if (size > 0 && time <= times[size - 1]) {
            throw new IllegalArgumentException("candle at " + time + " is not after " + times[size - 1]);
        }
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            open = Arrays.copyOf(open, n);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            close = Arrays.copyOf(close, n);
            volume = Arrays.copyOf(volume, n);
        }
        times[size] = time;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        size++;
    }

    /** Appends a chunk from GetCandles, its integers turned into doubles. */
    public void add(CandleChunk chunk) {
        int n = chunk.getOpenTimesCount();
        if (chunk.getOpenCount() != n || chunk.getHighCount() != n || chunk.getLowCount() != n
                || chunk.getCloseCount() != n || chunk.getVolumeCount() != n) {
            throw new IllegalArgumentException("a candle chunk with columns of different lengths");
        }
        priceDecimals = Math.max(priceDecimals, Math.max(0, chunk.getPriceScale()));
        for (int i = 0; i < n; i++) {
            add(chunk.getOpenTimes(i), value(chunk.getOpen(i), chunk.getPriceScale()),
                    value(chunk.getHigh(i), chunk.getPriceScale()), value(chunk.getLow(i), chunk.getPriceScale()),
                    value(chunk.getClose(i), chunk.getPriceScale()), value(chunk.getVolume(i), chunk.getVolumeScale()));
        }
    }

    /** unscaled × 10^-scale, correctly rounded while both fit a double exactly. */
    static double value(long unscaled, int scale) {
        if (scale >= 0 && scale < POW10.length) {
            return unscaled / POW10[scale];
        }
        return unscaled * Math.pow(10, -scale);
    }

    public int size() {
        return size;
    }

    /** Decimals the engine sent prices with (the largest chunk scale), for read-outs. */
    public int priceDecimals() {
        return priceDecimals;
    }

    public long time(int i) {
        return times[i];
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

    /** Closes, for indicators: a copy of the live part. */
    public double[] closes() {
        return Arrays.copyOf(close, size);
    }

    /** Index of the last candle opened at or before {@code time}; -1 when all open later. */
    public int indexAtOrBefore(long time) {
        int i = Arrays.binarySearch(times, 0, size, time);
        return i >= 0 ? i : -i - 2;
    }
}
