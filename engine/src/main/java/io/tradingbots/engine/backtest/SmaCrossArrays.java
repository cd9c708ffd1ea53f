package io.tradingbots.engine.backtest;

/**
 * The fast path of sma-cross: the same crossing on precomputed SMA arrays (which sweeps share
 * between combinations). Proven equal to the ta4j strategy trade by trade by SmaCrossFastPathTest.
 */
final class SmaCrossArrays implements Decider {

    private final double[] fast;
    private final double[] slow;
    private final int unstable;

    SmaCrossArrays(double[] fast, double[] slow, int slowLength) {
        this.fast = fast;
        this.slow = slow;
        this.unstable = slowLength;
    }

    @Override
    public boolean act(int i, boolean holding) {
        if (i < unstable) {
            return false;
        }
        double f0 = fast[i - 1];
        double s0 = slow[i - 1];
        double f1 = fast[i];
        double s1 = slow[i];
        return holding ? f1 < s1 && f0 >= s0 : f1 > s1 && f0 <= s0;
    }
}
