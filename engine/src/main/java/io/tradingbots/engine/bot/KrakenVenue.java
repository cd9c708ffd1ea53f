package io.tradingbots.engine.bot;

import io.tradingbots.engine.health.ExchangeCalls;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.FeedStatus;
import io.tradingbots.shared.DaemonThreads;
import io.tradingbots.engine.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.knowm.xchange.kraken.Kraken;
import org.knowm.xchange.kraken.dto.marketdata.KrakenOHLC;
import org.knowm.xchange.kraken.dto.marketdata.KrakenOHLCs;
import org.knowm.xchange.kraken.dto.marketdata.results.KrakenOHLCResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import si.mazi.rescu.ClientConfig;
import si.mazi.rescu.RestProxyFactory;

/**
 * Kraken as the arbitrage bot's second venue in live-market mode: public OHLC through XChange's
 * Kraken REST interface and reply types (no keys), polled on its own daemon thread for each
 * (symbol, timeframe) an arbitrage bot trades: {@value #AFTER_CLOSE_MS} ms after each candle's
 * close, and at least once per poll period. Candles are kept by open time once their interval is
 * over at Kraken's reply (a candle still forming is not kept), the last {@value #KEEP} per series.
 * {@link #candle} only reads that map, so the market thread never waits on Kraken. A failed call
 * (an error reply, a rate limit, a timeout) doubles that series' wait up to {@value #MAX_BACKOFF_MS}
 * ms and is logged once per kind of error until a call succeeds again. XChange types stay here.
 *
 * <p>The calls go through a rescu proxy of XChange's {@link Kraken} interface, as XChange's own
 * market-data service does, but with Kraken's pair name ("XBTUSD") given directly: the service
 * derives it from asset metadata it loads from Kraken at creation, a blocking call we avoid.
 */
public final class KrakenVenue implements SecondVenue {

    public static final String DEFAULT_URL = "https://api.kraken.com";
    /** Kraken's endpoint in the health report. */
    public static final String ENDPOINT = "Kraken OHLC";
    static final int KEEP = 1_000;
    static final long MAX_BACKOFF_MS = 300_000;
    /** After a candle's close, the poll that fetches it: soon, since the first venue's candle arrives within seconds. */
    static final long AFTER_CLOSE_MS = 500;
    /** The OHLC intervals Kraken serves, in minutes. */
    private static final Set<Long> INTERVALS = Set.of(1L, 5L, 15L, 30L, 60L, 240L, 1440L, 10080L, 21600L);

    private static final Logger log = LoggerFactory.getLogger(KrakenVenue.class);

    private final Kraken kraken;
    private final ExchangeCalls.Endpoint calls;
    private final long pollMs;
    private final LongSupplier wallClock;
    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Set<String> loggedKinds = ConcurrentHashMap.newKeySet();
    private volatile String lastError;
    private ScheduledExecutorService poller;

    /** One polled series: its candles by open time (ms) and when it may be asked again. */
    private static final class Series {
        final String symbol;
        final Timeframe timeframe;
        final String pair;
        final NavigableMap<Long, Candle> candles = new ConcurrentSkipListMap<>();
        long nextPollAt;
        int failures;

        Series(String symbol, Timeframe timeframe) {
            this.symbol = symbol;
            this.timeframe = timeframe;
            String[] p = symbol.split("/");
            // Kraken calls bitcoin XBT; it accepts "XBTUSD" for its pair XXBTZUSD
            this.pair = (p[0].equals("BTC") ? "XBT" : p[0]) + p[1];
        }
    }

    /**
     * @param baseUrl   Kraken's REST root (a loopback fake in tests), null for the real one
     * @param wanted    the (symbol, timeframe) pairs to poll, e.g. "BTC/USD" and 1m
     * @param pollMs    the wait between two polls of a series that answers
     * @param wallClock ms since the epoch (a candle is kept once its interval is over by this clock)
     */
    public KrakenVenue(String baseUrl, Map<String, Set<Timeframe>> wanted, long pollMs, int timeoutMs, LongSupplier wallClock) {
        this(baseUrl, wanted, pollMs, timeoutMs, wallClock, ExchangeCalls.detached(ENDPOINT));
    }

    /** As above, each OHLC call counted and timed in {@code calls} (the engine's health report). */
    public KrakenVenue(String baseUrl, Map<String, Set<Timeframe>> wanted, long pollMs, int timeoutMs, LongSupplier wallClock,
                       ExchangeCalls.Endpoint calls) {
        this.calls = calls;
        ClientConfig rest = new ClientConfig();
        rest.setHttpConnTimeout(timeoutMs);
        rest.setHttpReadTimeout(timeoutMs);
        this.kraken = RestProxyFactory.createProxy(Kraken.class, baseUrl == null ? DEFAULT_URL : baseUrl, rest);
        this.pollMs = pollMs;
        this.wallClock = wallClock;
        wanted.forEach((symbol, tfs) -> tfs.forEach(tf -> {
            if (!symbol.matches("[A-Z0-9]+/[A-Z0-9]+")) {
                throw new IllegalArgumentException("Kraken venue: bad symbol " + symbol + " (want BASE/QUOTE)");
            }
            if (minutes(tf) > 0) {
                series.put(key(symbol, tf), new Series(symbol, tf));
            } else {
                log.warn("Kraken has no {} candles: an arbitrage bot on {} {} will not decide", tf, symbol, tf);
            }
        }));
    }

    private static String key(String symbol, Timeframe tf) {
        return symbol + "|" + tf.label();
    }

    /** Kraken's interval in minutes for {@code tf}, 0 when Kraken has none. */
    static long minutes(Timeframe tf) {
        long m = tf.millis() / 60_000;
        return tf.millis() % 60_000 == 0 && INTERVALS.contains(m) ? m : 0;
    }

    /** Polls in the background, every {@code pollMs} per series (longer after errors). */
    public synchronized KrakenVenue start() {
        if (poller == null) {
            poller = DaemonThreads.scheduler("kraken-ohlc");
            poller.scheduleWithFixedDelay(this::pollDue, 0, Math.min(250, pollMs), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void pollDue() {
        try {
            pollOnce();
        } catch (RuntimeException e) { // never let the scheduler die
            noteError("unexpected", e.toString());
        }
    }

    /** One round: asks Kraken for every series whose wait is over. */
    void pollOnce() {
        for (Series s : series.values()) {
            if (wallClock.getAsLong() >= s.nextPollAt) {
                poll(s);
            }
        }
    }

    private void poll(Series s) {
        long interval = minutes(s.timeframe);
        Map.Entry<Long, Candle> newest = s.candles.lastEntry();
        // since: the newest kept candle's open time, so a reply carries only what is newer (Kraken's `since` is exclusive)
        Long since = newest == null ? null : newest.getKey() / 1000;
        KrakenOHLCs reply;
        long start = calls.start();
        try {
            KrakenOHLCResult r = kraken.getOHLC(s.pair, (int) interval, since);
            if (r == null || !r.isSuccess()) {
                throw new IllegalStateException(r == null ? "empty reply" : String.join(", ", r.getError()));
            }
            reply = r.getResult();
            calls.succeeded(start);
        } catch (Exception e) {
            calls.failed(start, "OHLC " + s.pair + " " + s.timeframe + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage()));
            failed(s, e);
            return;
        }
        long now = wallClock.getAsLong();
        List<KrakenOHLC> rows = reply == null || reply.getOHLCs() == null ? List.of() : reply.getOHLCs();
        for (KrakenOHLC r : rows) {
            long open = r.getTime() * 1000;
            if (open + s.timeframe.millis() <= now) { // the interval was over when Kraken answered
                s.candles.put(open, new Candle(s.symbol, s.timeframe, open, r.getOpen(), r.getHigh(), r.getLow(), r.getClose(),
                        r.getVolume()));
            }
        }
        while (s.candles.size() > KEEP) {
            s.candles.pollFirstEntry();
        }
        if (s.failures > 0) {
            log.info("Kraken {} {} answers again after {} failed call(s)", s.symbol, s.timeframe, s.failures);
            loggedKinds.clear();
            lastError = null;
        }
        s.failures = 0;
        long nextClose = (now / s.timeframe.millis() + 1) * s.timeframe.millis();
        s.nextPollAt = Math.min(now + pollMs, nextClose + AFTER_CLOSE_MS);
    }

    private void failed(Series s, Exception e) {
        s.failures++;
        long wait = Math.min(MAX_BACKOFF_MS, pollMs << Math.min(16, s.failures));
        s.nextPollAt = wallClock.getAsLong() + wait;
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        noteError(e.getClass().getSimpleName() + ":" + msg.split("\n", 2)[0], msg + "; next try in " + wait / 1000 + " s");
    }

    private void noteError(String kind, String text) {
        String line = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        lastError = line;
        if (loggedKinds.add(kind)) {
            log.warn("Kraken OHLC failed ({}); backing off, this kind of error is logged once until Kraken answers again", line);
        }
    }

    @Override
    public Optional<Candle> candle(Candle first) {
        Series s = series.get(key(first.symbol(), first.timeframe()));
        return s == null ? Optional.empty() : Optional.ofNullable(s.candles.get(first.openTime()));
    }

    /** Each polled series and its newest kept candle; the age counts from that candle's close. */
    @Override
    public List<FeedStatus> feeds(long nowMs) {
        List<FeedStatus> out = new ArrayList<>();
        List<Series> sorted = new ArrayList<>(series.values());
        sorted.sort(java.util.Comparator.comparing((Series s) -> s.symbol).thenComparingLong(s -> s.timeframe.millis()));
        for (Series s : sorted) {
            Map.Entry<Long, Candle> newest = s.candles.lastEntry();
            String name = "kraken " + s.symbol + " " + s.timeframe.label();
            if (newest == null) {
                out.add(new FeedStatus(name, s.timeframe, 0, -1, s.timeframe.millis()));
            } else {
                long close = newest.getValue().closeTime();
                out.add(new FeedStatus(name, s.timeframe, close, Math.max(0, nowMs - close), s.timeframe.millis()));
            }
        }
        return out;
    }

    @Override
    public String description() {
        String e = lastError;
        return e == null ? "Kraken" : "Kraken (last error: " + e + ")";
    }

    /** Candles held for a series, oldest first (tests, status). */
    List<Candle> held(String symbol, Timeframe tf) {
        Series s = series.get(key(symbol, tf));
        return s == null ? List.of() : new ArrayList<>(s.candles.values());
    }

    /** When a series may be polled again (ms, by the wall clock). */
    long nextPollAt(String symbol, Timeframe tf) {
        return series.get(key(symbol, tf)).nextPollAt;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
