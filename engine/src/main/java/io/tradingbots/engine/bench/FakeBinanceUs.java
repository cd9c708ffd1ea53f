package io.tradingbots.engine.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for the Binance.US REST API (127.0.0.1, free port), speaking its format:
 * {@code GET /api/v3/exchangeInfo} and {@code GET /api/v3/klines}, {@code X-MBX-USED-WEIGHT-1M}
 * on every reply, a weight limit per window (the window can be shorter than Binance's minute so
 * runs take seconds; exchangeInfo states it), 429 with Retry-After when the limit is passed and
 * 418 for a call during that wait. Failures can be injected: 5xx, slow or malformed replies.
 * Candle values are a deterministic function of symbol, interval and open time; {@code gaps}
 * are open times the "exchange" has no candle for. Used by tests and {@code tb bench history fetch}.
 */
public final class FakeBinanceUs implements AutoCloseable {

    public static final int KLINES_WEIGHT = 2;
    public static final int EXCHANGE_INFO_WEIGHT = 20;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fake-binanceus");
        t.setDaemon(true);
        return t;
    });
    private final int weightLimit;
    private final long windowMs;
    private final long listedFrom;
    public final Set<Long> gaps = ConcurrentHashMap.newKeySet();
    private final Map<String, String[]> symbols = new HashMap<>();

    private long windowStart;
    private long usedInWindow;
    private long bannedUntil;
    private long retryUntil;
    private long told429At;
    /** Calls already in flight when a 429 went out get a 429 too, not a ban. */
    static final long IN_FLIGHT_GRACE_MS = 100;

    public final AtomicInteger failNext5xx = new AtomicInteger();
    public final AtomicInteger malformedNext = new AtomicInteger();
    public final AtomicInteger force429Next = new AtomicInteger();
    public volatile long slowMs;
    public final AtomicLong klinesCalls = new AtomicLong();
    public final AtomicLong weightServed = new AtomicLong();
    public final AtomicLong replies429 = new AtomicLong();
    public final AtomicLong replies418 = new AtomicLong();

    /** {@code listedFrom}: no candle before this time (like a pair listed in 2019). */
    public FakeBinanceUs(int weightLimit, long windowMs, long listedFrom) throws IOException {
        this.weightLimit = weightLimit;
        this.windowMs = windowMs;
        this.listedFrom = listedFrom;
        symbols.put("BTCUSD", new String[] {"BTC", "USD"});
        symbols.put("ETHUSD", new String[] {"ETH", "USD"});
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/api/v3/exchangeInfo", ex -> handle(ex, EXCHANGE_INFO_WEIGHT, this::exchangeInfo));
        server.createContext("/api/v3/klines", ex -> handle(ex, KLINES_WEIGHT, this::klines));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private interface Body {
        String make(Map<String, String> query) throws BadRequest;
    }

    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private void handle(HttpExchange ex, int weight, Body body) throws IOException {
        try (ex) {
            int status;
            String text;
            long used;
            long retryAfter = 0;
            synchronized (this) {
                long now = System.currentTimeMillis();
                if (now - windowStart >= windowMs) {
                    windowStart = now - (now % windowMs);
                    usedInWindow = 0;
                }
                if (now < bannedUntil || (now < retryUntil && now - told429At > IN_FLIGHT_GRACE_MS)) {
                    status = 418; // calling during a 429 wait: Binance bans the IP
                    bannedUntil = Math.max(bannedUntil, now + 2 * windowMs);
                    retryAfter = bannedUntil - now;
                    replies418.incrementAndGet();
                } else if (usedInWindow + weight > weightLimit
                        || (weight == KLINES_WEIGHT && force429Next.getAndUpdate(n -> Math.max(0, n - 1)) > 0)) {
                    status = 429;
                    retryAfter = Math.max(1, windowStart + windowMs - now);
                    if (now >= retryUntil) {
                        told429At = now;
                    }
                    retryUntil = now + retryAfter;
                    replies429.incrementAndGet();
                } else {
                    status = 200;
                    usedInWindow += weight;
                    weightServed.addAndGet(weight);
                }
                used = usedInWindow;
            }
            ex.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", Long.toString(used));
            ex.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
            if (status != 200) {
                ex.getResponseHeaders().add("Retry-After", Long.toString((retryAfter + 999) / 1000));
                text = "{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is " + weightLimit + ".\"}";
            } else if (weight == KLINES_WEIGHT && failNext5xx.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
                text = "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request. Please try again.\"}";
            } else {
                try {
                    text = body.make(query(ex.getRequestURI()));
                } catch (BadRequest e) {
                    status = 400;
                    text = "{\"code\":-1121,\"msg\":\"" + e.getMessage() + "\"}";
                }
                boolean klines = weight == KLINES_WEIGHT;
                if (klines && status == 200 && malformedNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    text = text.substring(0, text.length() / 2);
                }
                if (klines && slowMs > 0) {
                    try {
                        Thread.sleep(slowMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client went away (a timeout or a kill): nothing to answer
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return q;
    }

    private String exchangeInfo(Map<String, String> q) {
        StringBuilder b = new StringBuilder("{\"timezone\":\"UTC\",\"serverTime\":").append(System.currentTimeMillis())
                .append(",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"SECOND\",\"intervalNum\":")
                .append(windowMs / 1000).append(",\"limit\":").append(weightLimit)
                .append("},{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":100}],")
                .append("\"exchangeFilters\":[],\"symbols\":[");
        boolean first = true;
        for (Map.Entry<String, String[]> s : symbols.entrySet()) {
            b.append(first ? "" : ",").append("{\"symbol\":\"").append(s.getKey()).append("\",\"status\":\"TRADING\",\"baseAsset\":\"")
                    .append(s.getValue()[0]).append("\",\"baseAssetPrecision\":8,\"quoteAsset\":\"").append(s.getValue()[1])
                    .append("\",\"quotePrecision\":4,\"quoteAssetPrecision\":4,\"orderTypes\":[\"LIMIT\",\"MARKET\"],"
                            + "\"icebergAllowed\":true,\"ocoAllowed\":true,\"isSpotTradingAllowed\":true,"
                            + "\"isMarginTradingAllowed\":false,\"filters\":[],\"permissions\":[\"SPOT\"]}");
            first = false;
        }
        return b.append("]}").toString();
    }

    private static long intervalMs(String interval) throws BadRequest {
        return switch (interval == null ? "" : interval) {
            case "1m" -> 60_000L;
            case "5m" -> 300_000L;
            case "15m" -> 900_000L;
            case "1h" -> 3_600_000L;
            case "4h" -> 14_400_000L;
            case "1d" -> 86_400_000L;
            default -> throw new BadRequest("Invalid interval.");
        };
    }

    private String klines(Map<String, String> q) throws BadRequest {
        klinesCalls.incrementAndGet();
        if (!symbols.containsKey(q.get("symbol"))) {
            throw new BadRequest("Invalid symbol.");
        }
        long step = intervalMs(q.get("interval"));
        int limit = q.containsKey("limit") ? Math.min(1000, Integer.parseInt(q.get("limit"))) : 500;
        long start = q.containsKey("startTime") ? Long.parseLong(q.get("startTime")) : 0;
        long end = q.containsKey("endTime") ? Long.parseLong(q.get("endTime")) : System.currentTimeMillis();
        long t = Math.max(-Math.floorDiv(-start, step) * step, listedFrom);
        StringBuilder b = new StringBuilder("[");
        int n = 0;
        for (; t <= end && n < limit && t <= System.currentTimeMillis(); t += step) {
            if (gaps.contains(t)) {
                continue;
            }
            long base = 3_000_000_000L + Math.floorMod(t / step * 7919L + q.get("symbol").hashCode(), 1_000_000_000L);
            BigDecimal open = BigDecimal.valueOf(base, 5);
            b.append(n == 0 ? "" : ",").append('[').append(t).append(",\"").append(open.toPlainString()).append("\",\"")
                    .append(BigDecimal.valueOf(base + 12_345, 5).toPlainString()).append("\",\"")
                    .append(BigDecimal.valueOf(base - 23_456, 5).toPlainString()).append("\",\"")
                    .append(BigDecimal.valueOf(base + 1_111, 5).toPlainString()).append("\",\"")
                    .append(BigDecimal.valueOf(t % 99_991 + 1, 8).toPlainString()).append("\",").append(t + step - 1)
                    .append(",\"1.00000000\",12,\"0.50000000\",\"0.25000000\",\"0\"]");
            n++;
        }
        return b.append(']').toString();
    }

    /** The candle the fake serves at {@code openTime}: what a test expects to find stored. */
    public static BigDecimal openPrice(String exchangeSymbol, long stepMs, long openTime) {
        long base = 3_000_000_000L + Math.floorMod(openTime / stepMs * 7919L + exchangeSymbol.hashCode(), 1_000_000_000L);
        return BigDecimal.valueOf(base, 5);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
