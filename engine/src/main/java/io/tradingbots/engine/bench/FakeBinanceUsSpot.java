package io.tradingbots.engine.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback stand-in for Binance.US's signed spot API (127.0.0.1, free port), the complement of
 * {@link FakeBinanceUs} (which serves market data). It checks requests as Binance does: the
 * {@code X-MBX-APIKEY} header, {@code timestamp} within {@code recvWindow} (default 5,000 ms), and
 * {@code signature} = hex HMAC-SHA256, keyed with the secret, of the query string (without the
 * signature) followed by the request body; and it answers with Binance's JSON shapes and error
 * codes: {@code POST/GET/DELETE /api/v3/order}, {@code GET /api/v3/openOrders}, {@code /api/v3/myTrades},
 * {@code /api/v3/account} and (unsigned) {@code /api/v3/exchangeInfo} with PRICE_FILTER, LOT_SIZE
 * and MIN_NOTIONAL filters. MARKET orders fill at the price set with {@link #setPrice}; LIMIT
 * orders fill when marketable, or rest until {@link #setPrice} reaches them. Commission: 0.1%, in
 * the asset received. Faults to inject: lose the reply of an order it accepted, fill the next
 * order partially, reject the next order for a filter, answer 429 or 503. It never logs, and
 * never echoes a key or a signature.
 */
public final class FakeBinanceUsSpot implements AutoCloseable {

    private static final BigDecimal COMMISSION = new BigDecimal("0.001");
    private static final long DEFAULT_RECV_WINDOW = 5_000;

    private record Rules(String base, String quote, BigDecimal tick, BigDecimal step, BigDecimal minQty, BigDecimal minNotional) {}

    private static final class SpotOrder {
        final long orderId;
        final String symbol;
        final String clientOrderId;
        final String side;
        final String type;
        final BigDecimal quantity;
        final BigDecimal price;
        BigDecimal executed = BigDecimal.ZERO;
        BigDecimal quoteExecuted = BigDecimal.ZERO;
        String status = "NEW";
        final long time;
        long updateTime;
        final List<Map<String, Object>> fills = new ArrayList<>();

        SpotOrder(long orderId, String symbol, String clientOrderId, String side, String type, BigDecimal quantity,
                  BigDecimal price, long time) {
            this.orderId = orderId;
            this.symbol = symbol;
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.type = type;
            this.quantity = quantity;
            this.price = price;
            this.time = time;
            this.updateTime = time;
        }

        boolean open() {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fake-binanceus-spot");
        t.setDaemon(true);
        return t;
    });
    private final String apiKey;
    private final byte[] secret;
    private final Map<String, Rules> rules = new LinkedHashMap<>();
    private final Map<String, BigDecimal> prices = new TreeMap<>();
    private final Map<String, BigDecimal[]> balances = new TreeMap<>(); // asset -> {free, locked}
    private final Map<Long, SpotOrder> orders = new LinkedHashMap<>();
    private final List<Map<String, Object>> trades = new ArrayList<>();
    private long nextOrderId = 1_000;
    private long nextTradeId = 50_000;

    /** The next order is accepted and executed, but its reply is lost (the connection closes). */
    public final AtomicInteger loseNextOrderReply = new AtomicInteger();
    /** The next order fills only half its quantity and stays PARTIALLY_FILLED. */
    public final AtomicInteger partialNext = new AtomicInteger();
    /** The next order is refused with -1013 whatever its quantity. */
    public final AtomicInteger filterRejectNext = new AtomicInteger();
    /** The next calls (any signed endpoint) get 429 with Retry-After: 1. */
    public final AtomicInteger force429Next = new AtomicInteger();
    /** The next calls (any signed endpoint) get 503, and do nothing. */
    public final AtomicInteger fail5xxNext = new AtomicInteger();
    public final AtomicLong ordersPlaced = new AtomicLong();
    public final AtomicLong signatureFailures = new AtomicLong();
    public final AtomicLong replies429 = new AtomicLong();

    public FakeBinanceUsSpot(String apiKey, String secret) throws IOException {
        this.apiKey = apiKey;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        rules.put("BTCUSD", new Rules("BTC", "USD", new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                new BigDecimal("10")));
        rules.put("ETHUSD", new Rules("ETH", "USD", new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("0.0001"),
                new BigDecimal("10")));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/api/v3/exchangeInfo", ex -> reply(ex, 200, exchangeInfo()));
        server.createContext("/api/v3/order", ex -> signed(ex, this::order));
        server.createContext("/api/v3/openOrders", ex -> signed(ex, this::openOrders));
        server.createContext("/api/v3/myTrades", ex -> signed(ex, this::myTrades));
        server.createContext("/api/v3/account", ex -> signed(ex, this::account));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized void setPrice(String symbol, String price) {
        prices.put(symbol, new BigDecimal(price));
        for (SpotOrder o : orders.values()) {
            if (o.open() && o.symbol.equals(symbol) && o.type.equals("LIMIT") && marketable(o, prices.get(symbol))) {
                execute(o, o.price, o.quantity.subtract(o.executed), System.currentTimeMillis());
            }
        }
    }

    public synchronized void setBalance(String asset, String free) {
        balances.put(asset, new BigDecimal[] {new BigDecimal(free), BigDecimal.ZERO});
    }

    public synchronized BigDecimal free(String asset) {
        return balances.getOrDefault(asset, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[0];
    }

    /** Orders the fake holds with this client order id (a duplicate would show as 2). */
    public synchronized long countOrders(String clientOrderId) {
        return orders.values().stream().filter(o -> o.clientOrderId.equals(clientOrderId)).count();
    }

    /** Fills what is left of a resting order at its price (as if the market traded through it). */
    public synchronized void fillRest(String clientOrderId) {
        for (SpotOrder o : orders.values()) {
            if (o.clientOrderId.equals(clientOrderId) && o.open()) {
                BigDecimal px = o.price != null ? o.price : prices.get(o.symbol);
                execute(o, px, o.quantity.subtract(o.executed), System.currentTimeMillis());
            }
        }
    }

    /** An order placed on the account by someone else (the web UI), resting. */
    public synchronized void addForeignOrder(String symbol, String clientOrderId, String side, String qty, String price) {
        SpotOrder o = new SpotOrder(nextOrderId++, symbol, clientOrderId, side, "LIMIT", new BigDecimal(qty), new BigDecimal(price),
                System.currentTimeMillis());
        orders.put(o.orderId, o);
    }

    // ---- HTTP plumbing ------------------------------------------------------------------------

    private static final class ApiError extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final int code;

        ApiError(int status, int code, String msg) {
            super(msg);
            this.status = status;
            this.code = code;
        }
    }

    private interface Handler {
        String handle(String method, Map<String, String> params) throws ApiError;
    }

    private static final class LostReply extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private void signed(HttpExchange ex, Handler handler) throws IOException {
        try (ex) {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            try {
                if (force429Next.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    replies429.incrementAndGet();
                    ex.getResponseHeaders().add("Retry-After", "1");
                    throw new ApiError(429, -1003, "Too many requests; current limit of IP is 1200 requests per minute.");
                }
                if (fail5xxNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new ApiError(503, -1001, "Internal error; unable to process your request. Please try again.");
                }
                Map<String, String> params = new LinkedHashMap<>();
                parse(query, params);
                parse(body, params);
                authenticate(ex, query, body, params);
                String json = handler.handle(ex.getRequestMethod(), params);
                reply(ex, 200, json);
            } catch (ApiError e) {
                reply(ex, e.status, "{\"code\":" + e.code + ",\"msg\":\"" + e.getMessage() + "\"}");
            } catch (LostReply e) {
                // the order was executed; the client hears nothing (the connection closes without a reply)
            }
        }
    }

    private void authenticate(HttpExchange ex, String query, String body, Map<String, String> params) throws ApiError {
        String key = ex.getRequestHeaders().getFirst("X-MBX-APIKEY");
        if (key == null || key.isBlank()) {
            throw new ApiError(401, -2014, "API-key format invalid.");
        }
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        String signature = params.get("signature");
        if (signature == null) {
            throw new ApiError(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        }
        String payload = withoutSignature(query) + withoutSignature(body);
        String expected = hmac(payload);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            signatureFailures.incrementAndGet();
            throw new ApiError(400, -1022, "Signature for this request is not valid.");
        }
        String ts = params.get("timestamp");
        if (ts == null) {
            throw new ApiError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }
        long window = params.containsKey("recvWindow") ? Long.parseLong(params.get("recvWindow")) : DEFAULT_RECV_WINDOW;
        long now = System.currentTimeMillis();
        long t = Long.parseLong(ts);
        if (t > now + 1_000 || now - t > window) {
            throw new ApiError(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
    }

    private static String withoutSignature(String raw) {
        if (raw.isEmpty()) {
            return raw;
        }
        StringBuilder b = new StringBuilder();
        for (String kv : raw.split("&")) {
            if (!kv.startsWith("signature=")) {
                b.append(b.length() == 0 ? "" : "&").append(kv);
            }
        }
        return b.toString();
    }

    private String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static void parse(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                into.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        ex.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", "1");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---- endpoints ------------------------------------------------------------------------------

    private String exchangeInfo() {
        StringBuilder b = new StringBuilder("{\"timezone\":\"UTC\",\"serverTime\":").append(System.currentTimeMillis())
                .append(",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":1200},")
                .append("{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":100}],")
                .append("\"exchangeFilters\":[],\"symbols\":[");
        boolean first = true;
        for (Map.Entry<String, Rules> e : rules.entrySet()) {
            Rules r = e.getValue();
            b.append(first ? "" : ",").append("{\"symbol\":\"").append(e.getKey()).append("\",\"status\":\"TRADING\",\"baseAsset\":\"")
                    .append(r.base()).append("\",\"baseAssetPrecision\":8,\"quoteAsset\":\"").append(r.quote())
                    .append("\",\"quotePrecision\":4,\"quoteAssetPrecision\":4,\"orderTypes\":[\"LIMIT\",\"MARKET\"],")
                    .append("\"icebergAllowed\":true,\"ocoAllowed\":true,\"isSpotTradingAllowed\":true,\"isMarginTradingAllowed\":false,")
                    .append("\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"").append(r.tick().toPlainString())
                    .append("\",\"maxPrice\":\"1000000.00\",\"tickSize\":\"").append(r.tick().toPlainString()).append("\"},")
                    .append("{\"filterType\":\"LOT_SIZE\",\"minQty\":\"").append(r.minQty().toPlainString())
                    .append("\",\"maxQty\":\"9000.00000000\",\"stepSize\":\"").append(r.step().toPlainString()).append("\"},")
                    .append("{\"filterType\":\"MIN_NOTIONAL\",\"minNotional\":\"").append(r.minNotional().toPlainString())
                    .append("\"}],\"permissions\":[\"SPOT\"]}");
            first = false;
        }
        return b.append("]}").toString();
    }

    private String order(String method, Map<String, String> p) throws ApiError {
        return switch (method) {
            case "POST" -> newOrder(p);
            case "GET" -> {
                synchronized (this) {
                    yield orderJson(lookup(p, -2013, "Order does not exist."));
                }
            }
            case "DELETE" -> cancel(p);
            default -> throw new ApiError(405, -1000, "Unsupported method.");
        };
    }

    private SpotOrder lookup(Map<String, String> p, int code, String msg) throws ApiError {
        String symbol = required(p, "symbol");
        String orderId = p.get("orderId");
        String client = p.get("origClientOrderId");
        if (orderId == null && client == null) {
            throw new ApiError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        SpotOrder found = null;
        for (SpotOrder o : orders.values()) {
            if (o.symbol.equals(symbol) && (orderId != null ? Long.toString(o.orderId).equals(orderId) : o.clientOrderId.equals(client))) {
                found = o; // the latest with that client id, as Binance answers
            }
        }
        if (found == null) {
            throw new ApiError(400, code, msg);
        }
        return found;
    }

    private static String required(Map<String, String> p, String name) throws ApiError {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            throw new ApiError(400, -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
        }
        return v;
    }

    private String newOrder(Map<String, String> p) throws ApiError {
        String json;
        synchronized (this) {
            String symbol = required(p, "symbol");
            Rules r = rules.get(symbol);
            if (r == null) {
                throw new ApiError(400, -1121, "Invalid symbol.");
            }
            String side = required(p, "side");
            String type = required(p, "type");
            BigDecimal qty = new BigDecimal(required(p, "quantity"));
            BigDecimal price = type.equals("LIMIT") ? new BigDecimal(required(p, "price")) : null;
            if (type.equals("LIMIT") && !p.containsKey("timeInForce")) {
                throw new ApiError(400, -1102, "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.");
            }
            String client = p.getOrDefault("newClientOrderId", "x-" + nextOrderId);
            for (SpotOrder o : orders.values()) {
                if (o.clientOrderId.equals(client) && o.open()) {
                    throw new ApiError(400, -2010, "Duplicate order sent.");
                }
            }
            BigDecimal market = prices.get(symbol);
            if (market == null) {
                throw new ApiError(400, -1013, "Market is closed.");
            }
            if (filterRejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ApiError(400, -1013, "Filter failure: LOT_SIZE");
            }
            checkFilters(r, qty, price, market);
            BigDecimal value = qty.multiply(price != null ? price : market);
            String payAsset = side.equals("BUY") ? r.quote() : r.base();
            BigDecimal need = side.equals("BUY") ? value : qty;
            BigDecimal[] bal = balances.computeIfAbsent(payAsset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            if (bal[0].compareTo(need) < 0) {
                throw new ApiError(400, -2010, "Account has insufficient balance for requested action.");
            }
            long now = System.currentTimeMillis();
            SpotOrder o = new SpotOrder(nextOrderId++, symbol, client, side, type, qty, price, now);
            orders.put(o.orderId, o);
            ordersPlaced.incrementAndGet();
            // lock what a resting order may spend
            bal[0] = bal[0].subtract(need);
            bal[1] = bal[1].add(need);
            if (type.equals("MARKET") || marketable(o, market)) {
                BigDecimal px = type.equals("MARKET") ? market : (side.equals("BUY") ? market.min(price) : market.max(price));
                BigDecimal fillQty = qty;
                if (partialNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    fillQty = qty.divide(BigDecimal.valueOf(2), r.step().scale(), RoundingMode.DOWN);
                }
                execute(o, px, fillQty, now);
            }
            json = newOrderJson(o);
        }
        if (loseNextOrderReply.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new LostReply();
        }
        return json;
    }

    private static void checkFilters(Rules r, BigDecimal qty, BigDecimal price, BigDecimal market) throws ApiError {
        if (qty.compareTo(r.minQty()) < 0 || qty.subtract(r.minQty()).remainder(r.step()).signum() != 0) {
            throw new ApiError(400, -1013, "Filter failure: LOT_SIZE");
        }
        if (price != null && price.remainder(r.tick()).signum() != 0) {
            throw new ApiError(400, -1013, "Filter failure: PRICE_FILTER");
        }
        if (qty.multiply(price != null ? price : market).compareTo(r.minNotional()) < 0) {
            throw new ApiError(400, -1013, "Filter failure: MIN_NOTIONAL");
        }
    }

    private static boolean marketable(SpotOrder o, BigDecimal market) {
        return o.price != null && (o.side.equals("BUY") ? market.compareTo(o.price) <= 0 : market.compareTo(o.price) >= 0);
    }

    /** Executes {@code qty} of the order at {@code px}: moves balances, records the trade. */
    private void execute(SpotOrder o, BigDecimal px, BigDecimal qty, long now) {
        Rules r = rules.get(o.symbol);
        BigDecimal quote = qty.multiply(px);
        boolean buy = o.side.equals("BUY");
        // release what was locked for this part, pay, receive less commission
        BigDecimal lockedPart = buy ? qty.multiply(o.price != null ? o.price : px) : qty;
        BigDecimal[] pay = balances.get(buy ? r.quote() : r.base());
        pay[1] = pay[1].subtract(lockedPart.min(pay[1]));
        BigDecimal spent = buy ? quote : qty;
        pay[0] = pay[0].add(lockedPart).subtract(spent);
        String getAsset = buy ? r.base() : r.quote();
        BigDecimal got = buy ? qty : quote;
        BigDecimal commission = got.multiply(COMMISSION).setScale(8, RoundingMode.UP).stripTrailingZeros();
        BigDecimal[] get = balances.computeIfAbsent(getAsset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        get[0] = get[0].add(got).subtract(commission);
        o.executed = o.executed.add(qty);
        o.quoteExecuted = o.quoteExecuted.add(quote);
        o.status = o.executed.compareTo(o.quantity) == 0 ? "FILLED" : "PARTIALLY_FILLED";
        o.updateTime = now;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("symbol", o.symbol);
        t.put("id", nextTradeId++);
        t.put("orderId", o.orderId);
        t.put("orderListId", -1);
        t.put("price", px.toPlainString());
        t.put("qty", qty.toPlainString());
        t.put("quoteQty", quote.toPlainString());
        t.put("commission", commission.toPlainString());
        t.put("commissionAsset", getAsset);
        t.put("time", now);
        t.put("isBuyer", buy);
        t.put("isMaker", false);
        t.put("isBestMatch", true);
        trades.add(t);
        o.fills.add(t);
    }

    private String cancel(Map<String, String> p) throws ApiError {
        synchronized (this) {
            SpotOrder o = lookup(p, -2011, "Unknown order sent.");
            if (!o.open()) {
                throw new ApiError(400, -2011, "Unknown order sent.");
            }
            Rules r = rules.get(o.symbol);
            boolean buy = o.side.equals("BUY");
            BigDecimal rest = o.quantity.subtract(o.executed);
            BigDecimal unlock = buy ? rest.multiply(o.price != null ? o.price : prices.get(o.symbol)) : rest;
            BigDecimal[] bal = balances.get(buy ? r.quote() : r.base());
            bal[1] = bal[1].subtract(unlock.min(bal[1]));
            bal[0] = bal[0].add(unlock);
            o.status = "CANCELED";
            o.updateTime = System.currentTimeMillis();
            String json = orderJson(o);
            return "{\"origClientOrderId\":\"" + o.clientOrderId + "\"," + json.substring(1);
        }
    }

    private synchronized String openOrders(String method, Map<String, String> p) {
        String symbol = p.get("symbol");
        StringBuilder b = new StringBuilder("[");
        for (SpotOrder o : orders.values()) {
            if (o.open() && (symbol == null || o.symbol.equals(symbol))) {
                b.append(b.length() == 1 ? "" : ",").append(orderJson(o));
            }
        }
        return b.append(']').toString();
    }

    private synchronized String myTrades(String method, Map<String, String> p) throws ApiError {
        String symbol = required(p, "symbol");
        String orderId = p.get("orderId");
        long from = p.containsKey("startTime") ? Long.parseLong(p.get("startTime")) : 0;
        StringBuilder b = new StringBuilder("[");
        for (Map<String, Object> t : trades) {
            if (t.get("symbol").equals(symbol) && (orderId == null || t.get("orderId").toString().equals(orderId))
                    && (long) t.get("time") >= from) {
                b.append(b.length() == 1 ? "" : ",").append(json(t));
            }
        }
        return b.append(']').toString();
    }

    private synchronized String account(String method, Map<String, String> p) {
        StringBuilder b = new StringBuilder("{\"makerCommission\":10,\"takerCommission\":10,\"buyerCommission\":0,"
                + "\"sellerCommission\":0,\"canTrade\":true,\"canWithdraw\":true,\"canDeposit\":true,\"updateTime\":")
                .append(System.currentTimeMillis()).append(",\"accountType\":\"SPOT\",\"balances\":[");
        boolean first = true;
        for (Map.Entry<String, BigDecimal[]> e : balances.entrySet()) {
            b.append(first ? "" : ",").append("{\"asset\":\"").append(e.getKey()).append("\",\"free\":\"")
                    .append(e.getValue()[0].toPlainString()).append("\",\"locked\":\"").append(e.getValue()[1].toPlainString()).append("\"}");
            first = false;
        }
        return b.append("],\"permissions\":[\"SPOT\"]}").toString();
    }

    private static String orderJson(SpotOrder o) {
        return "{\"symbol\":\"" + o.symbol + "\",\"orderId\":" + o.orderId + ",\"orderListId\":-1,\"clientOrderId\":\""
                + o.clientOrderId + "\",\"price\":\"" + (o.price == null ? "0.00000000" : o.price.toPlainString())
                + "\",\"origQty\":\"" + o.quantity.toPlainString() + "\",\"executedQty\":\"" + o.executed.toPlainString()
                + "\",\"cummulativeQuoteQty\":\"" + o.quoteExecuted.toPlainString() + "\",\"status\":\"" + o.status
                + "\",\"timeInForce\":\"GTC\",\"type\":\"" + o.type + "\",\"side\":\"" + o.side
                + "\",\"stopPrice\":\"0.00000000\",\"icebergQty\":\"0.00000000\",\"time\":" + o.time + ",\"updateTime\":"
                + o.updateTime + ",\"isWorking\":true,\"origQuoteOrderQty\":\"0.00000000\"}";
    }

    private static String newOrderJson(SpotOrder o) {
        StringBuilder fills = new StringBuilder("[");
        for (Map<String, Object> t : o.fills) {
            fills.append(fills.length() == 1 ? "" : ",").append("{\"price\":\"").append(t.get("price")).append("\",\"qty\":\"")
                    .append(t.get("qty")).append("\",\"commission\":\"").append(t.get("commission"))
                    .append("\",\"commissionAsset\":\"").append(t.get("commissionAsset")).append("\",\"tradeId\":")
                    .append(t.get("id")).append('}');
        }
        return "{\"symbol\":\"" + o.symbol + "\",\"orderId\":" + o.orderId + ",\"orderListId\":-1,\"clientOrderId\":\""
                + o.clientOrderId + "\",\"transactTime\":" + o.updateTime + ",\"price\":\""
                + (o.price == null ? "0.00000000" : o.price.toPlainString()) + "\",\"origQty\":\"" + o.quantity.toPlainString()
                + "\",\"executedQty\":\"" + o.executed.toPlainString() + "\",\"cummulativeQuoteQty\":\""
                + o.quoteExecuted.toPlainString() + "\",\"status\":\"" + o.status + "\",\"timeInForce\":\"GTC\",\"type\":\""
                + o.type + "\",\"side\":\"" + o.side + "\",\"workingTime\":" + o.time + ",\"fills\":" + fills
                + "],\"selfTradePreventionMode\":\"NONE\"}";
    }

    private static String json(Map<String, Object> m) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            b.append(b.length() == 1 ? "" : ",").append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            b.append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v));
        }
        return b.append('}').toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
