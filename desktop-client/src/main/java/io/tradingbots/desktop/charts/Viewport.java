package io.tradingbots.desktop.charts;

/**
 * Which candles the chart shows, in candle indexes: the left edge {@code first} (fractional, so
 * panning by a pixel is smooth) and {@code span} candles across the plot. Candles sit side by side
 * whatever their times (gaps are not drawn as empty space), as trading charts do. Every operation
 * returns a clamped viewport: at least {@value #MIN_SPAN} candles wide (or all when fewer), at most
 * all of them, and never past either end.
 */
public record Viewport(double first, double span, int total) {

    public static final double MIN_SPAN = 20;

    public Viewport {
        if (total < 0) {
            throw new IllegalArgumentException("total " + total);
        }
        double max = Math.max(total, 1);
        span = Math.min(Math.max(span, Math.min(MIN_SPAN, max)), max);
        if (Double.isNaN(span)) {
            span = max;
        }
        first = Math.min(Math.max(first, 0), Math.max(0, total - span));
        if (Double.isNaN(first)) {
            first = 0;
        }
    }

    /** The newest {@code span} candles of {@code total}. */
    public static Viewport latest(int total, double span) {
        return new Viewport(total - span, span, total);
    }

    /**
     * Zooms by {@code factor} (below 1 zooms in, above 1 out) keeping the candle under
     * {@code anchor} (0 = left edge, 1 = right edge of the plot) where it is.
     */
    public Viewport zoom(double factor, double anchor) {
        double a = Math.min(Math.max(anchor, 0), 1);
        double at = first + a * span;
        double s = Math.min(Math.max(span * factor, Math.min(MIN_SPAN, Math.max(total, 1))), Math.max(total, 1));
        return new Viewport(at - a * s, s, total);
    }

    /** Moves by {@code candles} (negative: towards older candles). */
    public Viewport pan(double candles) {
        return new Viewport(first + candles, span, total);
    }

    /** Moves by a drag of {@code dx} pixels on a plot {@code width} wide (dragging right shows older candles). */
    public Viewport drag(double dx, double width) {
        return pan(-dx / width * span);
    }

    /** First candle (partly) visible. */
    public int from() {
        return (int) Math.floor(first);
    }

    /** One past the last candle (partly) visible. */
    public int to() {
        return (int) Math.min(total, Math.ceil(first + span));
    }

    /** Candles per pixel on a plot {@code width} wide. */
    public double candlesPerPixel(double width) {
        return span / width;
    }

    /** The left edge of candle {@code i}'s slot on a plot {@code width} wide. */
    public double x(double i, double width) {
        return (i - first) * width / span;
    }

    /** The candle under pixel {@code x}, clamped to the series. */
    public int indexAt(double x, double width) {
        int i = (int) Math.floor(first + x / width * span);
        return Math.max(0, Math.min(total - 1, i));
    }
}
