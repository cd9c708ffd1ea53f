package io.tradingbots.desktop.performance;

import java.util.ArrayList;
import java.util.List;

/** Curve maths for the charts: return in percent, drawdown from the running peak, and downsampling. */
public final class Curves {

    /** JavaFX's LineChart stays responsive up to about this many points per series. */
    public static final int MAX_POINTS = 2_000;

    private Curves() {}

    /** Equity as percent gained since the first point ({@code 0} at the start), so bots of any size compare. */
    public static List<CurvePoint> returnPercent(List<CurvePoint> equity) {
        if (equity.isEmpty()) {
            return List.of();
        }
        double first = equity.get(0).value();
        List<CurvePoint> out = new ArrayList<>(equity.size());
        for (CurvePoint p : equity) {
            out.add(new CurvePoint(p.time(), first == 0 ? 0 : (p.value() / first - 1) * 100));
        }
        return out;
    }

    /** Fall from the highest equity seen so far, in percent, as a negative number ({@code 0} at a new high). */
    public static List<CurvePoint> drawdownPercent(List<CurvePoint> equity) {
        List<CurvePoint> out = new ArrayList<>(equity.size());
        double peak = Double.NEGATIVE_INFINITY;
        for (CurvePoint p : equity) {
            peak = Math.max(peak, p.value());
            out.add(new CurvePoint(p.time(), peak <= 0 ? 0 : (p.value() / peak - 1) * 100));
        }
        return out;
    }

    /** The largest fall from a peak, as a positive fraction ({@code 0.1875} for 18.75%). */
    public static double maxDrawdown(List<CurvePoint> equity) {
        double worst = 0;
        for (CurvePoint p : drawdownPercent(equity)) {
            worst = Math.min(worst, p.value());
        }
        return -worst / 100;
    }

    /**
     * At most {@code max} points (at least 4): the first and last points kept, and in between, for
     * each of {@code (max - 2) / 2} equal runs of points, its lowest and highest in time order. Peaks
     * and troughs, and so the drawdowns, survive; a curve already short enough is returned as is.
     */
    public static List<CurvePoint> downsample(List<CurvePoint> points, int max) {
        if (max < 4) {
            throw new IllegalArgumentException("downsample to at least 4 points, not " + max);
        }
        int n = points.size();
        if (n <= max) {
            return points;
        }
        int buckets = (max - 2) / 2;
        List<CurvePoint> out = new ArrayList<>(max);
        out.add(points.get(0));
        int inner = n - 2;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) inner * b / buckets);
            int to = 1 + (int) ((long) inner * (b + 1) / buckets);
            if (from >= to) {
                continue;
            }
            int low = from;
            int high = from;
            for (int i = from + 1; i < to; i++) {
                if (points.get(i).value() < points.get(low).value()) {
                    low = i;
                }
                if (points.get(i).value() > points.get(high).value()) {
                    high = i;
                }
            }
            out.add(points.get(Math.min(low, high)));
            if (low != high) {
                out.add(points.get(Math.max(low, high)));
            }
        }
        out.add(points.get(n - 1));
        return out;
    }
}
