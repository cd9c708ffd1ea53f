package io.tradingbots.engine.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Counts and times the engine's calls to exchanges, per endpoint ("Binance.US market data",
 * "Kraken OHLC", ...), for the health report. Recording is lock-free and allocation-free: two
 * counters, and one slot of a fixed ring of the last {@value #RING} calls holding the call's end
 * time and latency packed in one long. Memory is fixed per endpoint whatever the call rate; the
 * percentiles are computed only when the health monitor asks (once a second).
 */
public final class ExchangeCalls {

    /** Calls kept for the latency percentiles (a power of two). */
    public static final int RING = 512;
    /** Calls older than this are left out of the percentiles. */
    public static final long WINDOW_MS = 5 * 60_000;
    static final int MAX_ERROR_CHARS = 200;
    /** Latency is kept in microseconds in the low 24 bits: calls longer than ~16.7 s count as that. */
    private static final int LATENCY_BITS = 24;
    private static final long MAX_LATENCY_MICROS = (1L << LATENCY_BITS) - 1;
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(signature|apikey|api-key|api_key|secret|secretkey|x-mbx-apikey|authorization|token)([=:]\\s*|\"\\s*:\\s*\")[^&\\s\",;]+");

    private final ConcurrentSkipListMap<String, Endpoint> endpoints = new ConcurrentSkipListMap<>();
    private final LongSupplier wallClock;
    private final LongSupplier nanoClock;

    public ExchangeCalls() {
        this(System::currentTimeMillis, System::nanoTime);
    }

    /** Clocks given for tests: wall ms since the epoch, and a monotonic ns clock for latencies. */
    public ExchangeCalls(LongSupplier wallClockMs, LongSupplier nanoClock) {
        this.wallClock = wallClockMs;
        this.nanoClock = nanoClock;
    }

    /** The recorder of endpoint {@code name}, made at the first ask; the health report lists it from its first call. */
    public Endpoint endpoint(String name) {
        return endpoints.computeIfAbsent(name, n -> new Endpoint(n, wallClock, nanoClock));
    }

    /** A recorder that belongs to no report: for exchange clients made outside an engine (CLI, tests). */
    public static Endpoint detached(String name) {
        return new Endpoint(name, System::currentTimeMillis, System::nanoTime);
    }

    /** The figures now of every endpoint called at least once, by name. */
    public List<EndpointStats> snapshot() {
        List<EndpointStats> out = new ArrayList<>(endpoints.size());
        for (Endpoint e : endpoints.values()) {
            if (e.calls.get() > 0) {
                out.add(e.stats());
            }
        }
        return out;
    }

    /** One line, at most {@value #MAX_ERROR_CHARS} characters, with anything that looks like a key, secret or signature masked. */
    static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "error";
        }
        String s = text.strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl).strip();
        }
        s = SECRETS.matcher(s).replaceAll("$1$2<redacted>");
        return s.length() > MAX_ERROR_CHARS ? s.substring(0, MAX_ERROR_CHARS - 3) + "..." : s;
    }

    /** The calls to one endpoint. Thread-safe; {@link #succeeded} and {@link #failed} never block. */
    public static final class Endpoint {

        private final String name;
        private final LongSupplier wallClock;
        private final LongSupplier nanoClock;
        private final long epochMs;
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong next = new AtomicLong();
        /** Per slot: (end time in ms since {@link #epochMs}) << 24 | latency in µs; bit 63 marks a failed call; 0 = empty. */
        private final AtomicLongArray ring = new AtomicLongArray(RING);
        private volatile String lastError = "";
        private volatile long lastErrorAt;

        Endpoint(String name, LongSupplier wallClock, LongSupplier nanoClock) {
            this.name = name;
            this.wallClock = wallClock;
            this.nanoClock = nanoClock;
            this.epochMs = wallClock.getAsLong() - 1; // so that a slot is never 0 once written
        }

        public String name() {
            return name;
        }

        /** A call starts: pass the value to {@link #succeeded} or {@link #failed} when it ends. */
        public long start() {
            return nanoClock.getAsLong();
        }

        public void succeeded(long start) {
            record(start, false);
        }

        /** The call failed; {@code error} is made one line and cleared of anything secret-looking before it is kept. */
        public void failed(long start, String error) {
            errors.incrementAndGet();
            lastError = oneLine(error);
            lastErrorAt = wallClock.getAsLong();
            record(start, true);
        }

        private void record(long start, boolean failed) {
            long micros = Math.min(MAX_LATENCY_MICROS, Math.max(0, (nanoClock.getAsLong() - start) / 1_000));
            long at = Math.max(1, wallClock.getAsLong() - epochMs);
            long packed = (at << LATENCY_BITS) | micros | (failed ? Long.MIN_VALUE : 0);
            calls.incrementAndGet();
            ring.set((int) (next.getAndIncrement() & (RING - 1)), packed);
        }

        EndpointStats stats() {
            long now = wallClock.getAsLong();
            long oldest = now - WINDOW_MS - epochMs;
            long[] latencies = new long[RING];
            int n = 0;
            int failures = 0;
            for (int i = 0; i < RING; i++) {
                long v = ring.get(i);
                if (v == 0) {
                    continue;
                }
                long at = (v & Long.MAX_VALUE) >>> LATENCY_BITS;
                if (at < oldest) {
                    continue;
                }
                latencies[n++] = v & MAX_LATENCY_MICROS;
                if (v < 0) {
                    failures++;
                }
            }
            Arrays.sort(latencies, 0, n);
            return new EndpointStats(name, calls.get(), errors.get(), lastError, lastErrorAt, WINDOW_MS / 1000, n, failures,
                    percentileMs(latencies, n, 50), percentileMs(latencies, n, 99));
        }

        /** Nearest-rank percentile of the first {@code n} sorted values (µs), in ms; 0 without values. */
        static double percentileMs(long[] sortedMicros, int n, int p) {
            if (n == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * n);
            return sortedMicros[Math.max(0, rank - 1)] / 1000.0;
        }
    }
}
