package io.tradingbots.engine.backtest;

import io.tradingbots.engine.strategy.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Rolling walk-forward validation: in each window the parameters are chosen by a sweep over the
 * in-sample bars only, then run unchanged on the following out-of-sample bars (indicators may
 * read earlier bars: they are the past). Windows roll forward by the out-of-sample length.
 */
public final class WalkForward {

    /** A window's figures. {@code isBest} is the winning combination's in-sample metrics. */
    public record Window(int index, long isFrom, long isTo, long oosFrom, long oosTo, Params best, Metrics isBest,
                         Metrics oos, Metrics oosHold, boolean losesToHold, boolean collapses) {}

    /**
     * @param oosReturn  out-of-sample returns chained window after window (fresh capital each window)
     * @param meanIsSharpe mean of the in-sample winners' Sharpe ratios
     */
    public record Result(List<Window> windows, double oosReturn, double holdReturn, double meanIsSharpe,
                         double meanOosSharpe, int windowsLosingToHold, int windowsCollapsing, boolean overfit,
                         boolean losesToHold) {}

    private final Sweep sweep = new Sweep();
    private final BacktestRunner runner = new BacktestRunner();

    /** Collapse: the out-of-sample Sharpe is under this share of the in-sample winner's (which was positive). */
    public static final double COLLAPSE_SHARE = 0.5;

    public Result run(BacktestRequest template, Sweep.Spec spec, int train, int test, BacktestRunner.Progress progress,
                      BooleanSupplier cancelled) {
        int n = template.bars().size();
        if (train < 2 || test < 2) {
            throw new IllegalArgumentException("--train and --test must be at least 2 bars");
        }
        if (train + test > n) {
            throw new IllegalArgumentException("--train " + train + " + --test " + test + " bars do not fit in the " + n
                    + " bars of that range");
        }
        int windows = (n - train) / test;
        List<Window> out = new ArrayList<>();
        double chained = 1;
        double holdChained = 1;
        double isSharpe = 0;
        double oosSharpe = 0;
        int sharpeCount = 0;
        int lose = 0;
        int collapse = 0;
        for (int w = 0; w < windows; w++) {
            int isFrom = w * test;
            int oosFrom = isFrom + train;
            int oosTo = oosFrom + test;
            int window = w;
            Sweep.Result s = sweep.run(template.withRange(isFrom, oosFrom), spec,
                    f -> progress.report((window + f) / windows), cancelled);
            Sweep.Row best = s.ranked().get(0);
            BacktestResult oos = runner.run(template.withParams(best.params()).withRange(oosFrom, oosTo));
            Metrics m = oos.metrics();
            Metrics hold = oos.buyAndHold();
            boolean loses = m.totalReturn() < hold.totalReturn();
            double is = best.metrics().sharpe();
            boolean collapses = Double.isNaN(m.sharpe()) ? is > 0
                    : is > 0 && m.sharpe() < COLLAPSE_SHARE * is;
            lose += loses ? 1 : 0;
            collapse += collapses ? 1 : 0;
            chained *= 1 + m.totalReturn();
            holdChained *= 1 + hold.totalReturn();
            if (Double.isFinite(is) && Double.isFinite(m.sharpe())) {
                isSharpe += is;
                oosSharpe += m.sharpe();
                sharpeCount++;
            }
            Bars b = template.bars();
            out.add(new Window(w + 1, b.openTime(isFrom), b.openTime(oosFrom - 1), b.openTime(oosFrom), b.openTime(oosTo - 1),
                    best.params(), best.metrics(), m, hold, loses, collapses));
        }
        double meanIs = sharpeCount == 0 ? Double.NaN : isSharpe / sharpeCount;
        double meanOos = sharpeCount == 0 ? Double.NaN : oosSharpe / sharpeCount;
        boolean overfit = meanIs > 0 && !(meanOos >= COLLAPSE_SHARE * meanIs);
        return new Result(List.copyOf(out), chained - 1, holdChained - 1, meanIs, meanOos, lose, collapse, overfit,
                chained < holdChained);
    }
}
