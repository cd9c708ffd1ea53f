package io.tradingbots.desktop.charts;

/**
 * What one frame draws: a bar per visible candle when each candle has at least a pixel, otherwise
 * a bar per pixel column that aggregates the candles falling in it (open of the first, highest
 * high, lowest low, close of the last, summed volume). The drawing cost is thus bounded by the
 * plot's width, not by the number of candles. Arrays are reused from frame to frame.
 */
public final class Bars {

    private int n;
    private double[] x = new double[0];
    private double width;
    private double[] open = new double[0];
    private double[] high = new double[0];
    private double[] low = new double[0];
    private double[] close = new double[0];
    private double[] volume = new double[0];
    private int[] last = new int[0];
    private double lowest;
    private double highest;
    private double maxVolume;
    private boolean aggregated;

    /** Fills these bars for {@code view} of {@code series} on a plot {@code plotWidth} pixels wide. */
    public Bars compute(CandleSeries series, Viewport view, double plotWidth) {
        int columns = (int) Math.max(1, Math.ceil(plotWidth));
        ensure(columns + 2);
        n = 0;
        lowest = Double.POSITIVE_INFINITY;
        highest = Double.NEGATIVE_INFINITY;
        maxVolume = 0;
        int from = view.from();
        int to = Math.min(view.to(), series.size());
        aggregated = view.candlesPerPixel(plotWidth) > 1;
        if (!aggregated) {
            width = plotWidth / view.span();
            for (int i = from; i < to; i++) {
                x[n] = view.x(i, plotWidth);
                set(n++, series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i), i);
            }
        } else {
            width = 1;
            int column = Integer.MIN_VALUE;
            double scale = plotWidth / view.span();
            for (int i = from; i < to; i++) {
                int c = (int) Math.floor((i - view.first()) * scale);
                if (c < 0 || c >= columns) {
                    continue;
                }
                if (c != column) {
                    column = c;
                    x[n] = c;
                    set(n++, series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i), i);
                } else {
                    int b = n - 1;
                    high[b] = Math.max(high[b], series.high(i));
                    low[b] = Math.min(low[b], series.low(i));
                    close[b] = series.close(i);
                    volume[b] += series.volume(i);
                    last[b] = i;
                }
            }
        }
        for (int b = 0; b < n; b++) {
            lowest = Math.min(lowest, low[b]);
            highest = Math.max(highest, high[b]);
            maxVolume = Math.max(maxVolume, volume[b]);
        }
        return this;
    }

    private void set(int b, double o, double h, double l, double c, double v, int index) {
        open[b] = o;
        high[b] = h;
        low[b] = l;
        close[b] = c;
        volume[b] = v;
        last[b] = index;
    }

    private void ensure(int capacity) {
        if (x.length < capacity) {
            x = new double[capacity];
            open = new double[capacity];
            high = new double[capacity];
            low = new double[capacity];
            close = new double[capacity];
            volume = new double[capacity];
            last = new int[capacity];
        }
    }

    public int size() {
        return n;
    }

    /** True when bars aggregate several candles (one per pixel column). */
    public boolean aggregated() {
        return aggregated;
    }

    /** Left edge of bar {@code b}, pixels from the plot's left. */
    public double x(int b) {
        return x[b];
    }

    /** Width of every bar in pixels (a candle's slot, or 1 when aggregated). */
    public double width() {
        return width;
    }

    public double open(int b) {
        return open[b];
    }

    public double high(int b) {
        return high[b];
    }

    public double low(int b) {
        return low[b];
    }

    public double close(int b) {
        return close[b];
    }

    public double volume(int b) {
        return volume[b];
    }

    /** Index of the last candle in bar {@code b}: where overlays take their value. */
    public int lastIndex(int b) {
        return last[b];
    }

    /** Lowest low of all bars (+infinity when there are none). */
    public double lowest() {
        return lowest;
    }

    public double highest() {
        return highest;
    }

    public double maxVolume() {
        return maxVolume;
    }
}
