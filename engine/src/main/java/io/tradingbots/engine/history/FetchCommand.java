package io.tradingbots.engine.history;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.market.Timeframe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tb history fetch}: download what the store lacks from Binance.US, with a progress bar. */
@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download candles from Binance.US (public endpoints, no keys) into the data directory.",
                "Stop it at any moment and run it again: it continues where it stopped and stores no candle twice."})
final class FetchCommand implements Callable<Integer> {

    @Option(names = "--symbol", required = true, description = "Symbol, e.g. BTC/USD (repeatable).")
    List<String> symbols;

    @Option(names = "--timeframe", required = true, description = "1m, 5m, 15m, 1h, 4h or 1d (repeatable).")
    List<String> timeframes;

    @Option(names = "--from", required = true, description = "Start: 2019-01-01 (UTC), an instant or ms since the epoch.")
    String from;

    @Option(names = "--to", description = "End, exclusive (default: now; never past the last closed candle).")
    String to;

    @Option(names = "--concurrency", defaultValue = "2", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--budget", defaultValue = "0.95",
            description = "Share of the exchange's request-weight limit to use, 0.1-1 (default: ${DEFAULT-VALUE}).")
    double budgetShare;

    @Option(names = "--exchange-url", paramLabel = "URL", defaultValue = XChangeBinanceUsMarketData.DEFAULT_URL,
            description = "Base URL of the Binance.US REST API (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--timeout-ms", defaultValue = "15000", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.tradingbots).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        List<String> syms = new ArrayList<>();
        symbols.forEach(s -> syms.add(Symbols.symbol(s)));
        List<Timeframe> tfs = new ArrayList<>();
        timeframes.forEach(t -> tfs.add(Timeframe.parse(t)));
        long start = Symbols.time("--from", from);
        long end = to == null ? System.currentTimeMillis() : Symbols.time("--to", to);
        if (concurrency < 1 || concurrency > 16) {
            throw new IllegalArgumentException("--concurrency must be in 1..16, got " + concurrency);
        }
        if (!(budgetShare >= 0.1 && budgetShare <= 1)) {
            throw new IllegalArgumentException("--budget must be in 0.1..1, got " + budgetShare);
        }
        if (start >= end) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + (to == null ? "now" : to));
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch finished = new CountDownLatch(1);
        try (LocalHistory h = LocalHistory.open(dataDir)) {
            RateBudget[] budget = new RateBudget[1];
            CandleSource source = new XChangeBinanceUsMarketData(url, timeoutMs, used -> {
                if (budget[0] != null) {
                    budget[0].reportUsed(used);
                }
            });
            CandleSource.ExchangeRules rules = rulesWithRetry(source);
            budget[0] = HistoryFetcher.budgetFor(rules, budgetShare);
            HistoryFetcher.Job job = new HistoryFetcher(source, h.history.store(), budget[0], System::currentTimeMillis, 500)
                    .start(new HistoryFetcher.Request(syms, tfs, start, end, concurrency), rules);
            Thread hook = new Thread(() -> {
                job.cancel(); // Ctrl+C: stop calling, keep what is stored, close the database cleanly
                try {
                    finished.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "history-fetch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            boolean tty = System.console() != null;
            FetchProgress p;
            long lastLine = 0;
            while (!job.finished()) {
                Thread.sleep(200);
                p = job.progress();
                if (tty) {
                    err.print("\r" + p.line());
                    err.flush();
                } else if (System.currentTimeMillis() - lastLine >= 2_000) {
                    err.println(p.line());
                    lastLine = System.currentTimeMillis();
                }
            }
            p = job.await();
            err.println((tty ? "\r" : "") + p.line());
            out.printf(Locale.ROOT, "fetch %s: %,d candle slots answered, %,d new candles stored, %,d requests, %,d retries,"
                    + " %,d rate-limit waits, %.1f s%n", p.state().name().toLowerCase(Locale.ROOT), p.done(), p.stored(),
                    p.requests(), p.retries(), p.rateLimited(), p.elapsedMs() / 1000.0);
            for (String s : syms) {
                for (Timeframe tf : tfs) {
                    HistoryCommand.print(out, h.history.store().inventory(new SeriesKey(source.exchange(), s, tf)), 3);
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook waits for the database to close
            }
            if (p.state() == FetchProgress.State.FAILED) {
                throw new EngineException(p.message());
            }
            return p.state() == FetchProgress.State.DONE ? 0 : 130;
        } finally {
            finished.countDown();
        }
    }

    private static CandleSource.ExchangeRules rulesWithRetry(CandleSource source) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return source.rules();
            } catch (CandleSource.TransientSourceException | CandleSource.RateLimitedException e) {
                if (attempt >= 3) {
                    throw new EngineException(e.getMessage() + " (after " + attempt + " attempts): check --exchange-url and the network");
                }
                Thread.sleep(500L * attempt);
            }
        }
    }
}
