package io.tradingbots.engine.bench;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.history.CandleSource;
import io.tradingbots.engine.history.CandleStore;
import io.tradingbots.engine.history.FetchProgress;
import io.tradingbots.engine.history.HistoryFetcher;
import io.tradingbots.engine.history.RateBudget;
import io.tradingbots.engine.history.XChangeBinanceUsMarketData;
import io.tradingbots.engine.market.Timeframe;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Fetches one-minute candles from 2019 on from the loopback fake Binance.US, which enforces a
 * weight limit per window (shorter than Binance's minute so the run takes seconds), for a fixed
 * time, then reports how much of the allowed weight the fetcher used and how many 429/418 it got.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Share of an enforced weight budget the fetcher uses (loopback fake Binance.US).")
final class HistoryFetchBench implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "30", description = "Run time (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--weight-limit", defaultValue = "60", description = "Weight allowed per window (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--window-seconds", defaultValue = "3", description = "The fake's scaled-down minute (default: ${DEFAULT-VALUE} s).")
    int windowSeconds;

    @Option(names = "--concurrency", defaultValue = "4", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--budget", defaultValue = "0.95", description = "Share of the limit the fetcher aims at (default: ${DEFAULT-VALUE}).")
    double share;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("tb-bench-fetch");
        try (FakeBinanceUs fake = new FakeBinanceUs(limit, windowSeconds * 1000L, 0);
             Database db = Database.openFile(dir)) {
            RateBudget[] budget = new RateBudget[1];
            XChangeBinanceUsMarketData source = new XChangeBinanceUsMarketData(fake.url(), 5_000, used -> {
                if (budget[0] != null) {
                    budget[0].reportUsed(used);
                }
            });
            CandleSource.ExchangeRules rules = source.rules();
            budget[0] = HistoryFetcher.budgetFor(rules, share);
            Thread.sleep(windowSeconds * 1000L); // the exchangeInfo weight leaves the window
            long servedBefore = fake.weightServed.get();
            long t0 = System.currentTimeMillis();
            HistoryFetcher.Job job = new HistoryFetcher(source, new CandleStore(db), budget[0], System::currentTimeMillis, 200)
                    .start(new HistoryFetcher.Request(List.of("BTC/USD"), List.of(Timeframe.M1), 1_546_300_800_000L,
                            System.currentTimeMillis(), concurrency), rules);
            // The first window may take a burst the size of the whole budget: measure the steady state after it.
            Thread.sleep(windowSeconds * 1000L);
            servedBefore = fake.weightServed.get();
            t0 = System.currentTimeMillis();
            Thread.sleep(seconds * 1000L);
            long served = fake.weightServed.get() - servedBefore;
            long elapsed = System.currentTimeMillis() - t0;
            job.cancel();
            FetchProgress p = job.await();
            double allowed = (double) limit * elapsed / (windowSeconds * 1000.0);
            out.printf("fake Binance.US: %d weight per %d s window (Binance.US states 1,200 per minute; scaled so the run takes seconds)%n",
                    limit, windowSeconds);
            out.printf("%.1f s after the first window: %,d weight used of %,.0f allowed = %.1f%%; %,d requests, %,d candles stored; 429: %d, 418: %d%n",
                    elapsed / 1000.0, served, allowed, 100.0 * served / allowed, p.requests(), p.stored(),
                    fake.replies429.get(), fake.replies418.get());
        } finally {
            HistoryStoreBench.deleteTree(dir);
        }
        return 0;
    }
}
