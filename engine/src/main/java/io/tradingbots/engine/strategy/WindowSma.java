package io.tradingbots.engine.strategy;

import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.CachedIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * SMA(n)[i] = (x[i-n+1] + x[i-n+2] + ... + x[i]) / n, summed left to right in doubles; NaN
 * (does not exist) for i &lt; n-1. Unlike ta4j's SMAIndicator (a running total whose rounding
 * depends on which index was asked first), the value at i depends only on the n values, so the
 * ta4j strategy, the array fast path and anyone re-implementing the contract get the same bits.
 */
public final class WindowSma extends CachedIndicator<Num> {

    private final Indicator<Num> values;
    private final int n;

    public WindowSma(Indicator<Num> values, int n) {
        super(values);
        if (n < 1) {
            throw new IllegalArgumentException("SMA length must be at least 1, got " + n);
        }
        this.values = values;
        this.n = n;
    }

    @Override
    protected Num calculate(int index) {
        if (index < n - 1) {
            return DoubleNum.valueOf(Double.NaN);
        }
        double sum = 0;
        for (int j = index - n + 1; j <= index; j++) {
            sum += values.getValue(j).doubleValue();
        }
        return DoubleNum.valueOf(sum / n);
    }

    @Override
    public int getUnstableBars() {
        return n - 1;
    }

    /** The same values over a whole array (NaN before n-1): what the fast path and sweeps share. */
    public static double[] of(double[] x, int n) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (i < n - 1) {
                out[i] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int j = i - n + 1; j <= i; j++) {
                sum += x[j];
            }
            out[i] = sum / n;
        }
        return out;
    }
}
