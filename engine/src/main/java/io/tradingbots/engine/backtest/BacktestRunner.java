package io.tradingbots.engine.backtest;

import io.tradingbots.engine.strategy.SmaCross;
import io.tradingbots.engine.strategy.Strategies;
import io.tradingbots.engine.strategy.StrategyDef;
import io.tradingbots.engine.strategy.StrategyInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.ta4j.core.BarSeries;

/**
 * Runs the backtest contract (docs/backtesting.md): decide at bar i's close, fill at bar i+1's
 * open; long-only, all-in; entry quantity = cash / (price x (1 + fee)), exit cash = quantity x
 * price x (1 - fee); slippage moves the fill against the trade; an open position at the end is
 * marked at the last close without an exit fee. Stateless and thread-safe.
 */
public final class BacktestRunner {

    public static final int CURVE_POINTS = 2_000;
    private static final int PROGRESS_EVERY = 1 << 16;

    /** Fraction of the bars done, in [0, 1]. Called from the running thread. */
    public interface Progress {
        void report(double fraction);

        Progress NONE = f -> {};
    }

    private final Strategies registry = Strategies.registry();

    public BacktestResult run(BacktestRequest r) {
        return run(r, Progress.NONE, () -> false, null);
    }

    /**
     * @param cancelled polled every {@value #PROGRESS_EVERY} bars; true ends the run with a
     *                  {@link CancellationException}
     */
    public BacktestResult run(BacktestRequest r, Progress progress, BooleanSupplier cancelled) {
        return run(r, progress, cancelled, null);
    }

    /**
     * With indicator values shared with other runs on the same bars (sweeps); the result's
     * {@code buyAndHold} is then null (the same for every run: see {@link #buyAndHold}).
     */
    public BacktestResult run(BacktestRequest r, Progress progress, BooleanSupplier cancelled, SharedIndicators shared) {
        if (shared != null && shared.bars() != r.bars()) {
            throw new IllegalArgumentException("shared indicators belong to other bars");
        }
        String engine = engineFor(r);
        Decider d = engine.equals("fast") ? fastSmaCross(r, shared) : ta4j(r, shared);
        // a sweep computes buy-and-hold once for all its combinations
        return simulate(r, d, engine, progress, cancelled, shared == null);
    }

    static boolean hasFastPath(String strategy) {
        return SmaCross.NAME.equals(strategy);
    }

    private static String engineFor(BacktestRequest r) {
        return switch (r.engine()) {
            case TA4J -> "ta4j";
            case FAST -> {
                if (!hasFastPath(r.strategy())) {
                    throw new IllegalArgumentException("no fast path for " + r.strategy() + ": only for sma-cross");
                }
                yield "fast";
            }
            case AUTO -> hasFastPath(r.strategy()) ? "fast" : "ta4j";
        };
    }

    private static Decider fastSmaCross(BacktestRequest r, SharedIndicators shared) {
        int fast = r.params().integer("fast");
        int slow = r.params().integer("slow");
        SharedIndicators s = shared != null ? shared : new SharedIndicators(r.bars());
        return new SmaCrossArrays(s.sma(fast), s.sma(slow), slow);
    }

    private Decider ta4j(BacktestRequest r, SharedIndicators shared) {
        StrategyDef def = registry.get(r.strategy());
        BarSeries series = shared != null ? shared.series() : r.bars().toSeries();
        BarSeries second = null;
        if (def.needsSecondSeries()) {
            if (r.second() == null) {
                throw new IllegalArgumentException(r.strategy() + " needs a second series of the same pair");
            }
            second = shared != null ? shared.secondSeries(r.second()) : r.second().toSeries();
        }
        return new Ta4jDecider(def.build(new StrategyInputs(series, second, r.feeRate()), r.params()));
    }

    private static BacktestResult simulate(BacktestRequest r, Decider d, String engine, Progress progress,
                                           BooleanSupplier cancelled, boolean withBuyAndHold) {
        Bars b = r.bars();
        final int start = r.start();
        final int end = r.end();
        final int n = end - start;
        final double fee = r.feeRate();
        final double up = 1 + r.slippageBps() / 10_000;
        final double down = 1 - r.slippageBps() / 10_000;
        final double[] open = b.open;
        final double[] close = b.close;
        double[] equity = new double[n];
        List<Trade> trades = new ArrayList<>();
        double cash = r.capital();
        double qty = 0;
        double entryCash = 0;
        double entryPrice = 0;
        double entryFee = 0;
        int entryBar = -1;
        double fees = 0;
        int inPosition = 0;
        boolean pending = false;
        for (int i = start; i < end; i++) {
            if (pending) {
                pending = false;
                if (qty == 0) {
                    double price = open[i] * up;
                    double q = cash / (price * (1 + fee));
                    entryFee = q * price * fee;
                    fees += entryFee;
                    entryCash = cash;
                    entryPrice = price;
                    entryBar = i;
                    qty = q;
                    cash = 0;
                    d.filled(i, true, price, q);
                } else {
                    double price = open[i] * down;
                    double gross = qty * price;
                    double exitFee = gross * fee;
                    fees += exitFee;
                    cash = gross * (1 - fee);
                    trades.add(new Trade(b.openTime[entryBar], entryPrice, b.openTime[i], price, qty, cash - entryCash,
                            entryFee + exitFee, entryBar, i));
                    d.filled(i, false, price, qty);
                    qty = 0;
                }
            }
            if (qty > 0) {
                equity[i - start] = qty * close[i];
                inPosition++;
            } else {
                equity[i - start] = cash;
            }
            if (i < end - 1 && d.act(i, qty > 0)) {
                pending = true;
            }
            if (((i - start + 1) & (PROGRESS_EVERY - 1)) == 0) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("backtest cancelled at bar " + (i - start + 1) + " of " + n);
                }
                progress.report((i - start + 1) / (double) n);
            }
        }
        progress.report(1.0);
        OpenPosition openPos = null;
        double finalEquity = equity[n - 1];
        if (qty > 0) {
            openPos = new OpenPosition(b.openTime[entryBar], entryPrice, qty, entryBar, close[end - 1],
                    qty * close[end - 1] - entryCash);
        }
        long barMs = b.timeframe().millis();
        Metrics m = Metrics.of(r.capital(), equity, n, barMs, trades, openPos != null, inPosition, fees);
        Metrics hold = withBuyAndHold ? buyAndHold(r, barMs) : null;
        int step = Math.max(1, (n + CURVE_POINTS - 1) / CURVE_POINTS);
        int points = (n - 1) / step + 1 + ((n - 1) % step == 0 ? 0 : 1);
        long[] ct = new long[points];
        double[] ce = new double[points];
        int k = 0;
        for (int i = 0; i < n; i += step) {
            ct[k] = b.openTime[start + i];
            ce[k++] = equity[i];
        }
        if (k < points) { // always end on the last bar
            ct[k] = b.openTime[end - 1];
            ce[k] = equity[n - 1];
        }
        return new BacktestResult(r.strategy(), r.params().toString(), n, b.openTime[start], b.openTime[end - 1],
                List.copyOf(trades), openPos, finalEquity, m, hold, ct, ce, engine);
    }

    /** Buy at the first bar's open (slippage and fee paid), hold, mark at each close; no exit fee. */
    public static Metrics buyAndHold(BacktestRequest r) {
        return buyAndHold(r, r.bars().timeframe().millis());
    }

    static Metrics buyAndHold(BacktestRequest r, long barMs) {
        Bars b = r.bars();
        int n = r.end() - r.start();
        double price = b.open[r.start()] * (1 + r.slippageBps() / 10_000);
        double q = r.capital() / (price * (1 + r.feeRate()));
        double[] equity = new double[n];
        for (int i = 0; i < n; i++) {
            equity[i] = q * b.close[r.start() + i];
        }
        return Metrics.of(r.capital(), equity, n, barMs, List.of(), true, n, q * price * r.feeRate());
    }
}
