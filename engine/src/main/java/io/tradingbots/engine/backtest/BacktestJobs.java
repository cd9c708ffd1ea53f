package io.tradingbots.engine.backtest;

import io.tradingbots.engine.history.CandleColumns;
import io.tradingbots.engine.history.CandleHistory;
import io.tradingbots.engine.history.SeriesKey;
import io.tradingbots.engine.history.TimeRange;
import io.tradingbots.shared.DaemonThreads;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backtests inside the engine (the API's RunBacktest): candles from the store, the
 * {@link BacktestRunner}, the result kept in the {@link BacktestStore}. At most {@code slots}
 * run at once, each on its own thread of a fixed pool; one more is refused at once with a
 * {@link RejectedExecutionException} (no hidden queue: the caller knows and can retry), so a
 * 2-core host keeps a core for live trading.
 */
public final class BacktestJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BacktestJobs.class);

    /** Where a run is. */
    public enum Stage { LOADING, RUNNING, STORING }

    /** Progress of one run, called on its thread; {@code fraction} of the whole run in [0, 1]. */
    public interface Listener {
        void progress(Stage stage, double fraction, int bars);
    }

    /** Reads the bars (and the aligned second series, or null) of a spec; the spec's exchange is resolved. */
    public interface Loader {
        Loaded load(BacktestSpec spec);
    }

    /** Bars to run on, the spec with its exchange named. */
    public record Loaded(BacktestSpec spec, Bars bars, Bars second) {}

    // Loading is usually the slow part (the store decodes blocks); the run and storing follow.
    private static final double LOADED = 0.3;
    private static final double RAN = 0.95;

    private final Loader loader;
    private final BacktestStore store;
    private final LongSupplier clock;
    private final int slots;
    private final Semaphore free;
    private final ExecutorService pool;
    private final BacktestRunner runner = new BacktestRunner();
    private volatile boolean closing;

    public BacktestJobs(Loader loader, BacktestStore store, int slots, LongSupplier clock) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, got " + slots);
        }
        this.loader = loader;
        this.store = store;
        this.clock = clock;
        this.slots = slots;
        this.free = new Semaphore(slots);
        this.pool = Executors.newFixedThreadPool(slots, DaemonThreads.factory("backtest"));
    }

    /** Runs going on now. */
    public int running() {
        return slots - free.availablePermits();
    }

    public BacktestStore store() {
        return store;
    }

    /**
     * Starts a run; the future ends with the stored result, an IllegalArgumentException (no
     * candles...), or a CancellationException once {@code cancelled} says so (nothing is stored).
     *
     * @throws RejectedExecutionException when {@code slots} runs are already going
     */
    public CompletableFuture<StoredBacktest.Full> submit(BacktestSpec spec, Listener listener, BooleanSupplier cancelled) {
        return inSlot(() -> execute(spec, listener, stopping(cancelled)));
    }

    /**
     * Starts a walk-forward on the spec's bars (its params held fixed, {@code sweep}'s ranges
     * swept on one thread); the same slot rule and ends as {@link #submit}. Nothing is stored.
     */
    public CompletableFuture<WalkForward.Result> submitWalkForward(BacktestSpec spec, Sweep.Spec sweep, int train, int test,
                                                                   Listener listener, BooleanSupplier cancelled) {
        Sweep.check(sweep);
        BooleanSupplier stop = stopping(cancelled);
        return inSlot(() -> {
            listener.progress(Stage.LOADING, 0, 0);
            Loaded in = loader.load(spec);
            checkCancelled(stop, "after loading the candles");
            int n = in.bars().size();
            listener.progress(Stage.RUNNING, LOADED, n);
            BacktestRequest template = new BacktestRequest(in.bars(), in.second(), spec.strategy(), spec.params(), spec.fee(),
                    spec.capital(), spec.slippageBps(), 0, n, BacktestRequest.Engine.AUTO);
            WalkForward.Result r = new WalkForward().run(template, sweep, train, test,
                    f -> listener.progress(Stage.RUNNING, LOADED + (1 - LOADED) * f, n), stop);
            checkCancelled(stop, "at the end");
            return r;
        });
    }

    /** The caller's cancel, or the engine stopping. */
    private BooleanSupplier stopping(BooleanSupplier cancelled) {
        return () -> closing || cancelled.getAsBoolean();
    }

    private <T> CompletableFuture<T> inSlot(java.util.function.Supplier<T> work) {
        if (!free.tryAcquire()) {
            throw new RejectedExecutionException("the engine already runs " + (slots == 1 ? "a backtest" : slots + " backtests")
                    + " (at most " + slots + " at once, so live trading keeps its core): try again when it ends");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                T result = null;
                RuntimeException failure = null;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    free.release(); // before the caller hears of the end, so it may start the next at once
                }
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(result);
                }
            });
        } catch (RejectedExecutionException e) {
            free.release();
            throw new IllegalStateException("the engine is stopping: no new backtests");
        }
        return done;
    }

    private StoredBacktest.Full execute(BacktestSpec spec, Listener listener, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        listener.progress(Stage.LOADING, 0, 0);
        Loaded in = loader.load(spec);
        checkCancelled(cancelled, "after loading the candles");
        int n = in.bars().size();
        if (n < 2) {
            throw new IllegalArgumentException("only " + n + " candle in that range: a backtest needs at least 2");
        }
        listener.progress(Stage.RUNNING, LOADED, n);
        BacktestRequest request = new BacktestRequest(in.bars(), in.second(), spec.strategy(), spec.params(), spec.fee(),
                spec.capital(), spec.slippageBps(), 0, n, BacktestRequest.Engine.AUTO);
        BacktestResult result = runner.run(request,
                f -> listener.progress(Stage.RUNNING, LOADED + (RAN - LOADED) * f, n), cancelled);
        checkCancelled(cancelled, "before storing the result");
        listener.progress(Stage.STORING, RAN, n);
        StoredBacktest saved = store.save(in.spec(), result, clock.getAsLong());
        log.info("backtest {} {} {} {} ({} bars) done in {} ms", saved.id(), spec.strategy(), spec.symbol(),
                spec.timeframe(), n, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new StoredBacktest.Full(saved, result);
    }

    private static void checkCancelled(BooleanSupplier cancelled, String where) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("backtest cancelled " + where);
        }
    }

    /** Candles from the engine's store; no candles in the range is an IllegalArgumentException. */
    public static Loader fromStore(CandleHistory history) {
        return spec -> {
            SeriesKey key = resolve(history, spec);
            TimeRange range = new TimeRange(spec.from(), spec.to());
            Bars bars = read(history, key, range);
            Bars second = null;
            if (spec.secondExchange() != null) {
                second = read(history, new SeriesKey(spec.secondExchange(), spec.symbol(), spec.timeframe()), range);
                Bars[] ab = Bars.align(bars, second);
                if (ab[0].size() < 2) {
                    throw new IllegalArgumentException(key + " and " + spec.secondExchange() + " share fewer than 2 open times in "
                            + DataOptions.describe(range));
                }
                bars = ab[0];
                second = ab[1];
            }
            BacktestSpec named = new BacktestSpec(key.exchange(), spec.symbol(), spec.timeframe(), spec.from(), spec.to(),
                    spec.strategy(), spec.params(), spec.fee(), spec.capital(), spec.slippageBps(), spec.secondExchange());
            return new Loaded(named, bars, second);
        };
    }

    private static SeriesKey resolve(CandleHistory history, BacktestSpec spec) {
        if (spec.exchange() != null) {
            return new SeriesKey(spec.exchange(), spec.symbol(), spec.timeframe());
        }
        List<SeriesKey> matches = history.store().series().stream()
                .filter(k -> k.symbol().equals(spec.symbol()) && k.timeframe() == spec.timeframe()).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no " + spec.symbol() + " " + spec.timeframe()
                    + " candles are stored: fetch or import them first (HistoryService.GetInventory lists what is stored)");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException(spec.symbol() + " " + spec.timeframe() + " is stored from several sources ("
                    + matches.stream().map(SeriesKey::exchange).toList() + "): name the exchange");
        }
        return matches.get(0);
    }

    private static Bars read(CandleHistory history, SeriesKey key, TimeRange range) {
        CandleColumns cols = history.store().readColumns(key, range);
        if (cols.size() == 0) {
            throw new IllegalArgumentException("no " + key + " candles in " + DataOptions.describe(range));
        }
        return Bars.of(cols);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true; // a run stops at its next check, before storing
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
