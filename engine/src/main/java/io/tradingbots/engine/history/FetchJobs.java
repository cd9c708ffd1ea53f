package io.tradingbots.engine.history;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Fetch jobs inside a running engine, for the API: start, cancel, progress, inventory. All jobs
 * share one weight budget (they spend the same IP's). Errors follow the API's convention:
 * IllegalArgumentException for a bad request, IllegalStateException when the exchange cannot be
 * reached, NoSuchElementException for an unknown job.
 */
public final class FetchJobs implements AutoCloseable {

    private final CandleHistory history;
    private final CandleSource source;
    private final double budgetShare;
    private final Map<String, HistoryFetcher.Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile RateBudget budget;

    /** {@code sourceFactory} builds the exchange source, given where to report used weight. */
    public FetchJobs(CandleHistory history, Function<LongConsumer, CandleSource> sourceFactory, double budgetShare) {
        this.history = history;
        this.source = sourceFactory.apply(used -> {
            RateBudget b = budget;
            if (b != null) {
                b.reportUsed(used);
            }
        });
        this.budgetShare = budgetShare;
    }

    public String start(List<String> symbols, List<String> timeframes, long from, long to, int concurrency) {
        if (symbols.isEmpty() || timeframes.isEmpty()) {
            throw new IllegalArgumentException("name at least one symbol and one timeframe");
        }
        List<String> syms = new ArrayList<>();
        symbols.forEach(s -> syms.add(Symbols.symbol(s)));
        List<Timeframe> tfs = new ArrayList<>();
        timeframes.forEach(t -> tfs.add(Timeframe.parse(t)));
        int c = concurrency == 0 ? 2 : concurrency;
        if (c < 1 || c > 16) {
            throw new IllegalArgumentException("concurrency must be in 1..16, got " + concurrency);
        }
        long end = to == 0 ? System.currentTimeMillis() : to;
        CandleSource.ExchangeRules rules;
        try {
            rules = source.rules();
        } catch (CandleSource.TransientSourceException | CandleSource.RateLimitedException e) {
            throw new IllegalStateException(e.getMessage() + ": try again later");
        }
        synchronized (this) {
            if (budget == null) {
                budget = HistoryFetcher.budgetFor(rules, budgetShare);
            }
        }
        HistoryFetcher.Job job;
        try {
            job = new HistoryFetcher(source, history.store(), budget, System::currentTimeMillis, 500)
                    .start(new HistoryFetcher.Request(syms, tfs, from, end, c), rules);
        } catch (EngineException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String id = "fetch-" + ids.incrementAndGet();
        jobs.put(id, job);
        return id;
    }

    public void cancel(String id) {
        job(id).cancel();
    }

    public FetchProgress progress(String id) {
        return job(id).progress();
    }

    private HistoryFetcher.Job job(String id) {
        HistoryFetcher.Job j = jobs.get(id);
        if (j == null) {
            throw new NoSuchElementException("no fetch job '" + id + "'");
        }
        return j;
    }

    public List<Inventory> inventory(String symbol, String timeframe) {
        return history.inventory(symbol == null || symbol.isEmpty() ? null : Symbols.symbol(symbol),
                timeframe == null || timeframe.isEmpty() ? null : Timeframe.parse(timeframe));
    }

    /** Stored candles, for GetCandles. */
    public CandleReads candles() {
        return new CandleReads(history);
    }

    /** Cancels every job and waits for them, so the database can close after. */
    @Override
    public void close() throws InterruptedException {
        for (HistoryFetcher.Job j : jobs.values()) {
            j.cancel();
        }
        for (HistoryFetcher.Job j : jobs.values()) {
            j.await();
        }
    }
}
