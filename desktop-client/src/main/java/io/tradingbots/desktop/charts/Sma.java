package io.tradingbots.desktop.charts;

import java.util.Arrays;

/**
 * Simple moving average of closes, computed on the client for overlays (ta4j would be a large
 * dependency of the desktop for a running sum). Until the engine streams its bots' indicator
 * values, this mirrors the SMA-cross bots' own lines.
 */
public final class Sma {

    private Sma() {}

    /** Value i is the mean of values i-period+1..i; NaN for the first period-1. */
    public static double[] of(double[] values, int period) {
        if (period < 1) {
            throw new IllegalArgumentException("an SMA period is at least 1, got " + period);
        }
        double[] out = new double[values.length];
        Arrays.fill(out, Double.NaN);
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= period) {
                sum -= values[i - period];
            }
            if (i >= period - 1) {
                out[i] = sum / period;
            }
        }
        return out;
    }
}
