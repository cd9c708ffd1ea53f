package io.tradingbots.engine.history;

import io.tradingbots.engine.EngineException;
import io.tradingbots.shared.DaemonThreads;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads what is missing of some series in a time range: the asked range minus what the
 * exchange has already answered for (the store's coverage), in requests of up to 1,000 candles,
 * with {@code concurrency} calls in flight, inside the exchange's weight budget. Each answered
 * request is stored with its coverage in one transaction, so a fetch stopped at any moment
 * continues where it stopped.
 */
public final class HistoryFetcher {

    private static final Logger log = LoggerFactory.getLogger(HistoryFetcher.class);
    public static final int LIMIT = 1_000;
    static final int MAX_TRANSIENT_ATTEMPTS = 6;

    public record Request(List<String> symbols, List<Timeframe> timeframes, long from, long to, int concurrency) {}

    private record Chunk(SeriesKey key, long start, long end) {}

    private final CandleSource source;
    private final CandleStore store;
    private final RateBudget budget;
    private final LongSupplier clock;
    private final long backoffMs;

    public HistoryFetcher(CandleSource source, CandleStore store, RateBudget budget, LongSupplier clockMs, long backoffMs) {
        this.source = source;
        this.store = store;
        this.budget = budget;
        this.clock = clockMs;
        this.backoffMs = backoffMs;
    }

    /** The budget from the exchange's stated rate limits, using {@code fraction} of it. */
    public static RateBudget budgetFor(CandleSource.ExchangeRules rules, double fraction) {
        return new RateBudget(rules.weightLimit(), rules.windowMs(), fraction, System::currentTimeMillis);
    }

    /** A fetch under way; {@link #await()} runs it to its end. */
    public final class Job {
        private final List<Chunk> chunks;
        private final long total;
        private final long started = System.currentTimeMillis();
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong stored = new AtomicLong();
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private final AtomicLong rateLimited = new AtomicLong();
        private final AtomicReference<FetchProgress.State> state = new AtomicReference<>(FetchProgress.State.RUNNING);
        private final AtomicReference<String> message = new AtomicReference<>("");
        private final ExecutorService pool;
        private final List<Future<?>> futures = new ArrayList<>();

        private Job(List<Chunk> chunks, int concurrency) {
            this.chunks = chunks;
            this.total = chunks.stream().mapToLong(c -> (c.end - c.start) / c.key.timeframe().millis()).sum();
            this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), DaemonThreads.factory("history-fetch"));
        }

        private void start() {
            for (Chunk c : chunks) {
                futures.add(pool.submit(() -> runChunk(c)));
            }
            pool.shutdown();
        }

        private void runChunk(Chunk c) {
            int transientFailures = 0;
            while (state.get() == FetchProgress.State.RUNNING) {
                try {
                    if (!budget.acquire(source.candlesWeight(LIMIT), () -> state.get() != FetchProgress.State.RUNNING)) {
                        return;
                    }
                    requests.incrementAndGet();
                    List<Candle> got = source.candles(c.key.symbol(), c.key.timeframe(), c.start, c.end, LIMIT);
                    List<Candle> inRange = new ArrayList<>(got.size());
                    for (Candle k : got) {
                        if (k.openTime() < c.start || k.openTime() >= c.end || k.openTime() % c.key.timeframe().millis() != 0) {
                            throw new EngineException("malformed klines reply for " + c.key.symbol() + " " + c.key.timeframe()
                                    + ": candle at " + k.openTime() + " outside the asked " + new TimeRange(c.start, c.end));
                        }
                        inRange.add(k);
                    }
                    if (state.get() != FetchProgress.State.RUNNING) {
                        return;
                    }
                    stored.addAndGet(store.store(c.key, inRange, answered(c, inRange)).stored());
                    done.addAndGet((c.end - c.start) / c.key.timeframe().millis());
                    return;
                } catch (CandleSource.RateLimitedException e) {
                    rateLimited.incrementAndGet();
                    log.warn("{} {}: {}; no call until the wait is over", c.key.symbol(), c.key.timeframe(), e.getMessage());
                    budget.pause(e.retryAfterMs);
                } catch (CandleSource.TransientSourceException e) {
                    transientFailures++;
                    retries.incrementAndGet();
                    if (transientFailures >= MAX_TRANSIENT_ATTEMPTS) {
                        fail(c.key + " from " + Instant.ofEpochMilli(c.start) + ": " + e.getMessage() + " (gave up after "
                                + transientFailures + " attempts; run the same command again to continue)");
                        return;
                    }
                    long until = System.currentTimeMillis() + (backoffMs << Math.min(transientFailures - 1, 6));
                    try {
                        while (System.currentTimeMillis() < until && state.get() == FetchProgress.State.RUNNING) {
                            Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    fail(e.getMessage());
                    return;
                }
            }
        }

        /**
         * The range the reply settles. Near now the exchange may not serve the latest closed
         * candle yet: there only what it returned counts, so a late candle is not taken for a gap.
         */
        private TimeRange answered(Chunk c, List<Candle> got) {
            long settled = clock.getAsLong() - 2 * c.key.timeframe().millis();
            if (c.end <= settled) {
                return new TimeRange(c.start, c.end);
            }
            long end = got.isEmpty() ? c.start : got.get(got.size() - 1).openTime() + c.key.timeframe().millis();
            return new TimeRange(c.start, Math.max(c.start, Math.min(end, c.end)));
        }

        // Workers are never interrupted: an interrupt in the middle of a database write would
        // close HSQLDB's file channel. They see the state before each call and in the budget wait.
        private void fail(String why) {
            if (state.compareAndSet(FetchProgress.State.RUNNING, FetchProgress.State.FAILED)) {
                message.set(why);
            }
        }

        public void cancel() {
            if (state.compareAndSet(FetchProgress.State.RUNNING, FetchProgress.State.CANCELLED)) {
                message.set("cancelled; run the same fetch again to continue");
            }
        }

        /** Waits for the end; returns the final progress (DONE, FAILED or CANCELLED). */
        public FetchProgress await() throws InterruptedException {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // waiting
            }
            state.compareAndSet(FetchProgress.State.RUNNING, FetchProgress.State.DONE);
            return progress();
        }

        public boolean finished() {
            return pool.isTerminated();
        }

        public FetchProgress progress() {
            FetchProgress.State s = state.get();
            if (s == FetchProgress.State.RUNNING && pool.isTerminated()) {
                state.compareAndSet(FetchProgress.State.RUNNING, FetchProgress.State.DONE);
                s = state.get();
            }
            return new FetchProgress(s, total, done.get(), stored.get(), requests.get(), retries.get(),
                    rateLimited.get(), System.currentTimeMillis() - started, message.get());
        }
    }

    /** Plans what is missing and starts fetching it. Bad symbols or ranges throw before any candle call. */
    public Job start(Request r, CandleSource.ExchangeRules rules) {
        long now = clock.getAsLong();
        if (r.from() >= r.to()) {
            throw new IllegalArgumentException("--from " + Instant.ofEpochMilli(r.from()) + " is not before --to " + Instant.ofEpochMilli(r.to()));
        }
        if (r.from() >= now) {
            throw new IllegalArgumentException("--from " + Instant.ofEpochMilli(r.from()) + " is in the future: no candles exist yet");
        }
        for (String s : r.symbols()) {
            if (!rules.symbols().contains(s)) {
                throw new EngineException(s + " is not listed on " + source.exchange() + " (exchangeInfo): check the symbol");
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        for (String symbol : r.symbols()) {
            for (Timeframe tf : r.timeframes()) {
                SeriesKey key = new SeriesKey(source.exchange(), symbol, tf);
                long from = -Math.floorDiv(-r.from(), tf.millis()) * tf.millis(); // first whole candle
                long to = tf.floor(Math.min(r.to(), now));                       // last closed candle's end
                if (to <= from) {
                    continue;
                }
                List<TimeRange> todo = new ArrayList<>();
                Inventory.split(new TimeRange(from, to), store.coverage(key), new ArrayList<>(), todo);
                for (TimeRange t : todo) {
                    for (long s = t.from(); s < t.to(); s += LIMIT * tf.millis()) {
                        chunks.add(new Chunk(key, s, Math.min(t.to(), s + LIMIT * tf.millis())));
                    }
                }
            }
        }
        Job job = new Job(chunks, r.concurrency());
        job.start();
        return job;
    }
}
