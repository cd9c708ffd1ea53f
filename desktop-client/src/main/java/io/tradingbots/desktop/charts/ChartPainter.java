package io.tradingbots.desktop.charts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws one frame of the chart on a canvas: candles (or per-pixel-column aggregates, see
 * {@link Bars}), volume, overlay lines, trade markers, axes and the crosshair. Everything but text
 * and markers is an axis-aligned rectangle on whole pixels, one colour at a time: Prism's software
 * pipeline fills those without anti-aliasing work, which is what costs in a path. A frame is a few
 * canvas commands per bar (at most one bar per pixel column), never per hidden candle.
 */
public final class ChartPainter {

    /** Colours of one theme. */
    public record Palette(Color background, Color grid, Color text, Color up, Color down, List<Color> overlays,
                          Color buy, Color sell, Color crosshair) {

        public static Palette dark() {
            return new Palette(Color.web("#14171c"), Color.web("#262b33"), Color.web("#8d95a3"), Color.web("#34c46a"),
                    Color.web("#ef5350"), lines(Color.web("#f0a020"), Color.web("#3b82f6")), Color.web("#5ee08a"),
                    Color.web("#ff7a77"), Color.web("#e6e9ef66"));
        }
    }

    /** The theme's two line colours, then fixed ones for strategies with more lines (bands, RSI and its level, ...). */
    public static List<Color> lines(Color first, Color second) {
        return List.of(first, second, Color.web("#a855f7"), Color.web("#06b6d4"), Color.web("#ec4899"), Color.web("#84cc16"));
    }

    static final double AXIS_RIGHT = 78;
    static final double AXIS_BOTTOM = 22;
    static final double VOLUME_SHARE = 0.18;
    /** Height of each separate pane as a share of the plot, and of all of them together at most. */
    static final double PANE_SHARE = 0.16;
    static final double MAX_PANES_SHARE = 0.4;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.US).withZone(ZoneOffset.UTC);
    private static final Font FONT = Font.font(11);

    private final Bars bars = new Bars();
    private final Run run = new Run();
    private int drawn;

    /** Bars drawn by the last frame. */
    public int drawnBars() {
        return drawn;
    }

    /** Bars of the last frame (for tests). */
    public Bars bars() {
        return bars;
    }

    public static double plotWidth(double width) {
        return Math.max(1, width - AXIS_RIGHT);
    }

    public void paint(GraphicsContext g, double width, double height, CandleSeries series, Viewport view,
                      List<Overlay> overlays, List<TradeMarker> markers, int hover, Palette p) {
        g.setFill(p.background());
        g.fillRect(0, 0, width, height);
        double pw = plotWidth(width);
        double ph = Math.max(10, height - AXIS_BOTTOM);
        drawn = 0;
        if (series.size() == 0) {
            return;
        }
        bars.compute(series, view, pw);
        int n = bars.size();
        if (n == 0) {
            return;
        }
        // lines of a separate pane (RSI, ADX, ...): one pane per group under the volume, each on its own scale
        List<Overlay> priceLines = new ArrayList<>();
        Map<String, List<Overlay>> groups = new LinkedHashMap<>();
        for (Overlay o : overlays) {
            if (o.pane() == Overlay.Pane.PRICE) {
                priceLines.add(o);
            } else {
                groups.computeIfAbsent(o.group(), k -> new ArrayList<>()).add(o);
            }
        }
        double mainBottom = Math.floor(ph * (1 - Math.min(MAX_PANES_SHARE, PANE_SHARE * groups.size())));
        double priceBottom = mainBottom * (1 - VOLUME_SHARE);
        double lo = bars.lowest();
        double hi = bars.highest();
        double pad = Math.max((hi - lo) * 0.05, Math.abs(hi) * 1e-6 + 1e-12);
        lo -= pad;
        hi += pad;
        double yScale = (priceBottom - 8) / (hi - lo);
        double top = 8;

        // grid and price labels
        g.setFont(FONT);
        g.setLineWidth(1);
        g.setStroke(p.grid());
        g.setFill(p.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double step = niceStep((hi - lo) / 6);
        int decimals = Math.max(0, Math.min(8, (int) Math.ceil(-Math.log10(step))));
        g.setFill(p.grid());
        for (double v = Math.ceil(lo / step) * step; v <= hi; v += step) {
            g.fillRect(0, Math.floor(top + (hi - v) * yScale), pw, 1);
        }
        boolean days = series.size() > 1 && series.time(view.to() - 1) - series.time(view.from()) > 3L * 86_400_000;
        for (double x = 80; x < pw - 40; x += 160) {
            g.fillRect(Math.floor(x), 0, 1, ph);
        }
        g.setFill(p.text());
        for (double v = Math.ceil(lo / step) * step; v <= hi; v += step) {
            g.fillText(String.format(Locale.US, "%,." + decimals + "f", v), pw + 6, Math.floor(top + (hi - v) * yScale) + 0.5);
        }
        // time labels about every 160 px
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double x = 80; x < pw - 40; x += 160) {
            int i = view.indexAt(x, pw);
            g.fillText((days ? DAY : MINUTE).format(Instant.ofEpochMilli(series.time(i))), Math.floor(x) + 0.5, ph + 4);
        }

        double w = bars.width();
        boolean bodies = !bars.aggregated() && w >= 3;
        double body = bodies ? Math.max(1, Math.floor(w * 0.7)) : 1;

        // volume, wicks (or whole aggregated bars) and bodies: axis-aligned rectangles on whole
        // pixels, one colour at a time; the software pipeline fills those without anti-aliasing work
        double volumeTop = priceBottom + 4;
        double vScale = bars.maxVolume() > 0 ? (mainBottom - volumeTop) / bars.maxVolume() : 0;
        for (int pass = 0; pass < 2; pass++) {
            boolean up = pass == 0;
            Color c = up ? p.up() : p.down();
            g.setFill(c.deriveColor(0, 1, 1, 0.35));
            for (int b = 0; b < n; b++) {
                if ((bars.close(b) >= bars.open(b)) == up) {
                    double h = Math.round(bars.volume(b) * vScale);
                    g.fillRect(left(b, w, body), mainBottom - h, body, h);
                }
            }
            g.setFill(c);
            for (int b = 0; b < n; b++) {
                if ((bars.close(b) >= bars.open(b)) == up) {
                    double yHigh = Math.floor(top + (hi - bars.high(b)) * yScale);
                    double yLow = Math.floor(top + (hi - bars.low(b)) * yScale);
                    g.fillRect(Math.floor(center(b, w)), yHigh, 1, Math.max(1, yLow - yHigh + 1));
                    if (bodies) {
                        double y1 = Math.floor(top + (hi - Math.max(bars.open(b), bars.close(b))) * yScale);
                        double y2 = Math.floor(top + (hi - Math.min(bars.open(b), bars.close(b))) * yScale);
                        g.fillRect(left(b, w, body), y1, body, Math.max(1, y2 - y1));
                    }
                }
            }
        }
        drawn = n;

        // overlays: the value at each bar's last candle, joined pixel column by pixel column with
        // 1-pixel-wide rectangles (an anti-aliased polyline costs the software pipeline several ms)
        for (int k = 0; k < priceLines.size(); k++) {
            g.setFill(p.overlays().get(k % p.overlays().size()));
            line(g, priceLines.get(k).values(), n, w, top, hi, yScale, priceBottom);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        legend(g, priceLines, p, 6);

        // the separate panes: a rule on top, the group's lines scaled to their visible range, its bounds on the axis
        double paneHeight = groups.isEmpty() ? 0 : (ph - mainBottom) / groups.size();
        double paneTop = mainBottom;
        for (List<Overlay> lines : groups.values()) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Overlay o : lines) {
                double[] values = o.values();
                for (int b = 0; b < n; b++) {
                    double v = values[bars.lastIndex(b)];
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                }
            }
            g.setFill(p.grid());
            g.fillRect(0, paneTop, width, 1);
            double inner = Math.max(4, paneHeight - 8);
            if (min <= max) {
                double span = max - min;
                double padding = span > 0 ? span * 0.08 : Math.max(Math.abs(max) * 0.05, 1e-9);
                double paneHi = max + padding;
                double paneScale = inner / (span + 2 * padding);
                double paneY = paneTop + 4;
                for (int k = 0; k < lines.size(); k++) {
                    g.setFill(p.overlays().get(k % p.overlays().size()));
                    line(g, lines.get(k).values(), n, w, paneY, paneHi, paneScale, paneTop + paneHeight);
                }
                g.setFill(p.text());
                g.setTextBaseline(VPos.CENTER);
                g.fillText(axis(max), pw + 6, Math.floor(paneY + padding * paneScale) + 0.5);
                g.fillText(axis(min), pw + 6, Math.floor(paneY + (paneHi - min) * paneScale) + 0.5);
                g.setTextBaseline(VPos.TOP);
            }
            legend(g, lines, p, paneTop + 3);
            paneTop += paneHeight;
        }

        // markers: a triangle under the price for a buy, over it for a sell
        int from = view.from();
        int to = view.to();
        for (TradeMarker m : markers) {
            int i = series.indexAtOrBefore(m.time());
            if (i < from || i >= to) {
                continue;
            }
            double x = bars.aggregated() ? Math.floor(view.x(i, pw)) + 0.5 : view.x(i, pw) + w / 2;
            double y = top + (hi - m.price().doubleValue()) * yScale;
            boolean buy = m.side() == TradeMarker.Side.BUY;
            double d = buy ? 1 : -1;
            g.setFill(buy ? p.buy() : p.sell());
            g.fillPolygon(new double[] {x, x - 6, x + 6}, new double[] {y + d * 3, y + d * 13, y + d * 13}, 3);
        }

        // crosshair on the candle under the cursor
        if (hover >= from && hover < to) {
            double x = bars.aggregated() ? Math.floor(view.x(hover, pw)) + 0.5 : Math.floor(view.x(hover, pw) + w / 2) + 0.5;
            double y = Math.floor(top + (hi - series.close(hover)) * yScale) + 0.5;
            // two translucent whole-pixel lines: a dashed anti-aliased stroke costs the software
            // pipeline more than the rest of the frame
            g.setFill(p.crosshair());
            g.fillRect(Math.floor(x), 0, 1, ph);
            g.fillRect(0, Math.floor(y), pw, 1);
        }
    }

    /**
     * One line: the value at each bar's last candle, joined pixel column by pixel column with
     * 1-pixel-wide rectangles (an anti-aliased polyline costs the software pipeline several ms);
     * values that would fall under {@code bottom} (a band far off the visible prices) are not drawn.
     */
    private void line(GraphicsContext g, double[] values, int n, double w, double top, double hi, double yScale, double bottom) {
        run.start(g);
        double px = Double.NaN;
        double py = Double.NaN;
        for (int b = 0; b < n; b++) {
            double v = values[bars.lastIndex(b)];
            double y = top + (hi - v) * yScale;
            if (Double.isNaN(v) || y < 0 || y > bottom) {
                px = Double.NaN;
                continue;
            }
            double x = center(b, w);
            if (Double.isNaN(px)) {
                run.add(Math.floor(x), Math.floor(y), 2);
            } else {
                segment(px, py, x, y);
            }
            px = x;
            py = y;
        }
        run.flush();
    }

    private static void legend(GraphicsContext g, List<Overlay> lines, Palette p, double y) {
        double x = 8;
        for (int k = 0; k < lines.size(); k++) {
            g.setFill(p.overlays().get(k % p.overlays().size()));
            g.fillText(lines.get(k).name(), x, y);
            x += 8 + 7 * lines.get(k).name().length();
        }
    }

    /** An axis label for a separate pane: four significant digits, grouped. */
    static String axis(double v) {
        double a = Math.abs(v);
        int decimals = a >= 1000 ? 0 : a >= 1 ? 2 : a == 0 ? 0 : Math.min(8, 3 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.US, "%,." + decimals + "f", v);
    }

    /** A line from (x0, y0) to (x1, y1), x0 < x1, as one rectangle per pixel column, 2 px thick. */
    private void segment(double x0, double y0, double x1, double y1) {
        double slope = (y1 - y0) / (x1 - x0);
        int from = (int) Math.floor(x0) + 1;
        int to = (int) Math.floor(x1);
        double yPrev = Math.floor(y0);
        for (int c = from; c <= to; c++) {
            double y = Math.floor(y0 + (Math.min(c + 0.5, x1) - x0) * slope);
            double a = Math.min(yPrev, y);
            run.add(c, a, Math.max(yPrev, y) - a + 2);
            yPrev = y;
        }
    }

    /**
     * Pixel columns of a line, merged: neighbouring columns of the same rows become one wider
     * rectangle (a flat stretch, a level such as RSI 30, is one command instead of one per column).
     */
    private static final class Run {
        private GraphicsContext g;
        private double x;
        private double y;
        private double w;
        private double h;

        void start(GraphicsContext gc) {
            g = gc;
            w = 0;
        }

        void add(double cx, double cy, double ch) {
            if (w > 0 && cx == x + w && cy == y && ch == h) {
                w++;
                return;
            }
            flush();
            x = cx;
            y = cy;
            w = 1;
            h = ch;
        }

        void flush() {
            if (w > 0) {
                g.fillRect(x, y, w, h);
                w = 0;
            }
        }
    }

    private double left(int b, double w, double body) {
        return bars.aggregated() ? bars.x(b) : Math.floor(bars.x(b) + (w - body) / 2);
    }

    private double center(int b, double w) {
        return bars.aggregated() ? bars.x(b) + 0.5 : bars.x(b) + w / 2;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }
}
