package io.tradingbots.engine.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for Kraken's public OHLC endpoint ({@code /0/public/OHLC}, pair, interval
 * in minutes, exclusive {@code since} in seconds) in Kraken's JSON: the newest up to 720 rows of
 * the pair, the row still forming included, values a deterministic function of pair and time.
 * Used by {@code tb bench footprint}, which cannot reach the real Kraken.
 */
public final class FakeKrakenOhlc implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "fake-kraken");
        t.setDaemon(true);
        return t;
    });
    public final AtomicLong calls = new AtomicLong();

    public FakeKrakenOhlc() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext("/0/public/OHLC", this::ohlc);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void ohlc(HttpExchange ex) throws IOException {
        calls.incrementAndGet();
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String part : ((raw == null ? "" : raw) + "&" + body).split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String pair = q.getOrDefault("pair", "");
        String reply;
        if (!pair.equals("XBTUSD") && !pair.equals("ETHUSD")) {
            reply = "{\"error\":[\"EQuery:Unknown asset pair\"]}";
        } else {
            long step = 60L * Long.parseLong(q.getOrDefault("interval", "1"));
            long now = System.currentTimeMillis() / 1000;
            long newest = now / step * step;
            long from = Math.max(newest - 719 * step, q.containsKey("since") ? (Long.parseLong(q.get("since")) / step + 1) * step : 0);
            StringBuilder b = new StringBuilder("{\"error\":[],\"result\":{\"").append(pair.equals("XBTUSD") ? "XXBTZUSD" : "XETHZUSD").append("\":[");
            for (long t = from; t <= newest; t += step) {
                // near the fake Binance.US's prices for the pair (it uses the same 5-decimal base), a little apart
                long base = 3_000_000_000L + Math.floorMod(t / step * 7919L + (pair.equals("XBTUSD") ? "BTCUSD" : "ETHUSD").hashCode(),
                        1_000_000_000L) + 3_000;
                b.append(t == from ? "" : ",").append('[').append(t).append(",\"").append(price(base)).append("\",\"").append(price(base + 12_345))
                        .append("\",\"").append(price(base - 23_456)).append("\",\"").append(price(base + 1_111)).append("\",\"")
                        .append(price(base)).append("\",\"").append(BigDecimal.valueOf(t % 9_973 + 1, 8).toPlainString()).append("\",7]");
            }
            reply = b.append("],\"last\":").append(newest).append("}}").toString();
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(bytes);
        }
    }

    private static String price(long fiveDecimals) {
        return BigDecimal.valueOf(fiveDecimals, 5).toPlainString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
