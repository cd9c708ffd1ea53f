package io.tradingbots.engine.broker;

import io.tradingbots.engine.health.ExchangeCalls;
import io.tradingbots.engine.order.Fill;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderType;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.order.SymbolFilters;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.BinanceUsExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.account.BinanceAccountInformation;
import org.knowm.xchange.binance.dto.account.BinanceBalance;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.BinanceExchangeInfo;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.Filter;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.Symbol;
import org.knowm.xchange.binance.dto.trade.BinanceNewOrder;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import org.knowm.xchange.binance.dto.trade.BinanceTrade;
import org.knowm.xchange.binance.dto.trade.OrderSide;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.binance.service.BinanceAccountServiceRaw;
import org.knowm.xchange.binance.service.BinanceHmacDigest;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.binance.service.BinanceTradeServiceRaw;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.currency.CurrencyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusExceptionSupport;
import si.mazi.rescu.ParamsDigest;

/**
 * The live broker: Binance.US through XChange's trade and account services (orders, open orders,
 * trades, balances, exchangeInfo), with our client order id as {@code newClientOrderId}. An order
 * is looked up and cancelled by that id ({@link BinanceUsOrderLookup}), so an order whose reply
 * was lost is found, not sent twice. XChange types stay in this class. The API key and secret are
 * given to XChange only; error messages are built from Binance's code and text, never from URLs
 * or headers, so neither the key, the secret nor a signature can reach a log or an exception.
 * <p>
 * 429/418 answers are retried after their Retry-After (at most {@code maxBackoffMs} each, at most
 * {@code maxAttempts} tries): Binance did nothing with such a request, so sending it again under
 * the same client order id cannot duplicate it. 5xx answers and broken replies to a new order are
 * {@link BrokerException.OutcomeUnknown}: the order may exist, and the router looks it up.
 */
public final class XChangeBinanceUsBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(XChangeBinanceUsBroker.class);

    static {
        // The JDK's HttpURLConnection silently sends a POST again when the connection closes
        // without a reply: that would place an order twice. Main sets this first thing too, since
        // the JDK reads it once, when its HTTP client class loads.
        System.setProperty("sun.net.http.retryPost", "false");
    }
    public static final String DEFAULT_URL = "https://api.binance.us";
    /** The live broker's endpoint in the health report. */
    public static final String ENDPOINT = "Binance.US trading";

    /** {@code recvWindowMs}: Binance's acceptance window for a signed request (at most 60,000). */
    public record Settings(String baseUrl, long recvWindowMs, int timeoutMs, int maxAttempts, long maxBackoffMs, BigDecimal takerFee) {
        public Settings {
            if (recvWindowMs < 1 || recvWindowMs > 60_000) {
                throw new IllegalArgumentException("recvWindow must be in [1, 60000] ms, got " + recvWindowMs);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
        }

        /**
         * 5 s recvWindow, 10 s timeouts, 0.1% taker fee, and on 429 at most 3 tries waiting at most
         * 5 s each: the router's lock is held meanwhile, so a long ban rejects the order (the bot
         * decides again later) rather than stalling every bot.
         */
        public static Settings defaults() {
            return new Settings(DEFAULT_URL, 5_000, 10_000, 3, 5_000, new BigDecimal("0.001"));
        }

        public Settings withBaseUrl(String url) {
            return new Settings(url, recvWindowMs, timeoutMs, maxAttempts, maxBackoffMs, takerFee);
        }

        public Settings withBackoff(int attempts, long maxBackoff) {
            return new Settings(baseUrl, recvWindowMs, timeoutMs, attempts, maxBackoff, takerFee);
        }
    }

    private final Settings settings;
    private final ExchangeCalls.Endpoint calls;
    private final String apiKey;
    private final String secret;
    private final BinanceTradeServiceRaw trade;
    private final BinanceAccountServiceRaw account;
    private final BinanceMarketDataServiceRaw market;
    private final BinanceUsOrderLookup lookup;
    private final ParamsDigest signer;
    private final BinanceExchange exchange;
    private Map<String, SymbolFilters> filters;
    private Map<String, String> symbolsByExchangeName;

    /** {@code apiKey} and {@code secret} come from the environment; they are never logged. */
    public XChangeBinanceUsBroker(String apiKey, String secret, Settings settings) {
        this(apiKey, secret, settings, ExchangeCalls.detached(ENDPOINT));
    }

    /** As above, each HTTP attempt counted and timed in {@code calls} (the engine's health report). */
    public XChangeBinanceUsBroker(String apiKey, String secret, Settings settings, ExchangeCalls.Endpoint calls) {
        this.calls = calls;
        if (apiKey == null || apiKey.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("live trading needs a Binance.US API key and secret (both missing or empty)");
        }
        this.settings = settings;
        this.apiKey = apiKey;
        this.secret = secret;
        ExchangeSpecification spec = new BinanceUsExchange().getDefaultExchangeSpecification();
        spec.setSslUri(settings.baseUrl());
        spec.setApiKey(apiKey);
        spec.setSecretKey(secret);
        spec.setShouldLoadRemoteMetaData(false);
        spec.setHttpConnTimeout(settings.timeoutMs());
        spec.setHttpReadTimeout(settings.timeoutMs());
        spec.setExchangeSpecificParametersItem("recvWindow", settings.recvWindowMs());
        ExchangeSpecification.ResilienceSpecification resilience = new ExchangeSpecification.ResilienceSpecification();
        resilience.setRateLimiterEnabled(false);
        resilience.setRetryEnabled(false); // retries are ours: only where they cannot duplicate an order
        spec.setResilience(resilience);
        Exchange x = ExchangeFactory.INSTANCE.createExchange(spec);
        this.exchange = (BinanceExchange) x;
        this.trade = (BinanceTradeServiceRaw) x.getTradeService();
        this.account = (BinanceAccountServiceRaw) x.getAccountService();
        this.market = (BinanceMarketDataServiceRaw) x.getMarketDataService();
        this.lookup = ExchangeRestProxyBuilder.forInterface(BinanceUsOrderLookup.class, spec).build();
        this.signer = BinanceHmacDigest.createInstance(secret);
    }

    @Override
    public String venue() {
        return "binanceus";
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public BigDecimal takerFee() {
        return settings.takerFee();
    }

    @Override
    public long acceptanceWindowMs() {
        return settings.recvWindowMs() + 1_000; // plus Binance's 1 s allowance for a timestamp ahead of its clock
    }

    @Override
    public synchronized SymbolFilters filters(String symbol) {
        loadExchangeInfo();
        SymbolFilters f = filters.get(symbol);
        if (f == null) {
            throw new BrokerException.Rejected(-1121, symbol + " is not listed on Binance.US");
        }
        return f;
    }

    /**
     * Every symbol's filters from Binance.US's public exchangeInfo (no keys needed): what the paper
     * broker should apply. Throws {@link BrokerException} when the exchange cannot be asked.
     */
    public static Map<String, SymbolFilters> publicFilters(String baseUrl, int timeoutMs) {
        ExchangeSpecification spec = new BinanceUsExchange().getDefaultExchangeSpecification();
        spec.setSslUri(baseUrl);
        spec.setShouldLoadRemoteMetaData(false);
        spec.setHttpConnTimeout(timeoutMs);
        spec.setHttpReadTimeout(timeoutMs);
        ExchangeSpecification.ResilienceSpecification resilience = new ExchangeSpecification.ResilienceSpecification();
        resilience.setRateLimiterEnabled(false);
        resilience.setRetryEnabled(false);
        spec.setResilience(resilience);
        BinanceMarketDataServiceRaw raw = (BinanceMarketDataServiceRaw) ExchangeFactory.INSTANCE.createExchange(spec).getMarketDataService();
        BinanceExchangeInfo info;
        try {
            info = raw.getExchangeInfo();
        } catch (IOException | RuntimeException e) {
            throw new BrokerException.Unavailable("cannot read exchangeInfo from " + baseUrl + " (" + e.getClass().getSimpleName() + ")", e);
        }
        Map<String, SymbolFilters> out = new TreeMap<>();
        for (Symbol s : info.getSymbols()) {
            String ours = s.getBaseAsset() + "/" + s.getQuoteAsset();
            out.put(ours, toFilters(ours, s.getFilters()));
        }
        return out;
    }

    private void loadExchangeInfo() {
        if (filters != null) {
            return;
        }
        BinanceExchangeInfo info = call("exchangeInfo", false, market::getExchangeInfo);
        Map<String, SymbolFilters> out = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Symbol s : info.getSymbols()) {
            String ours = s.getBaseAsset() + "/" + s.getQuoteAsset();
            names.put(s.getSymbol(), ours);
            out.put(ours, toFilters(ours, s.getFilters()));
        }
        filters = out;
        symbolsByExchangeName = names;
    }

    static SymbolFilters toFilters(String symbol, Filter[] fs) {
        BigDecimal z = BigDecimal.ZERO;
        BigDecimal tick = z, minPrice = z, maxPrice = z, step = z, minQty = z, maxQty = z, minNotional = z;
        for (Filter f : fs == null ? new Filter[0] : fs) {
            switch (f.getFilterType()) {
                case "PRICE_FILTER" -> {
                    tick = dec(f.getTickSize());
                    minPrice = dec(f.getMinPrice());
                    maxPrice = dec(f.getMaxPrice());
                }
                case "LOT_SIZE" -> {
                    step = dec(f.getStepSize());
                    minQty = dec(f.getMinQty());
                    maxQty = dec(f.getMaxQty());
                }
                case "MIN_NOTIONAL", "NOTIONAL" -> minNotional = dec(f.getMinNotional());
                default -> { }
            }
        }
        return new SymbolFilters(symbol, tick, minPrice, maxPrice, step, minQty, maxQty, minNotional);
    }

    private static BigDecimal dec(String s) {
        return s == null || s.isBlank() ? BigDecimal.ZERO : new BigDecimal(s).stripTrailingZeros();
    }

    private static CurrencyPair pair(String symbol) {
        return new CurrencyPair(symbol);
    }

    private static String exchangeSymbol(String symbol) {
        return symbol.replace("/", "");
    }

    @Override
    public VenueOrder place(Order o) {
        BinanceNewOrder r = call("new order " + o.clientOrderId(), true, () -> trade.newOrder(pair(o.symbol()),
                o.side() == Side.BUY ? OrderSide.BUY : OrderSide.SELL,
                o.type() == OrderType.MARKET ? org.knowm.xchange.binance.dto.trade.OrderType.MARKET
                        : org.knowm.xchange.binance.dto.trade.OrderType.LIMIT,
                o.type() == OrderType.LIMIT ? TimeInForce.GTC : null, o.quantity(), null, o.limitPrice(), o.clientOrderId(),
                null, null, null, BinanceNewOrder.NewOrderResponseType.FULL));
        List<Fill> fills = new ArrayList<>();
        if (r.fills != null) {
            for (BinanceTrade t : r.fills) {
                fills.add(new Fill(o.clientOrderId(), Long.toString(t.tradeId), t.price, t.qty, t.commission, t.commissionAsset,
                        r.transactTime));
            }
        }
        return new VenueOrder(o.symbol(), o.clientOrderId(), Long.toString(r.orderId), status(r.status.name()), r.origQty,
                r.executedQty, fills, r.transactTime);
    }

    @Override
    public Optional<VenueOrder> find(String symbol, String clientOrderId) {
        BinanceOrder o;
        try {
            o = call("order " + clientOrderId, false, () -> lookup.order(exchangeSymbol(symbol), clientOrderId,
                    settings.recvWindowMs(), exchange.getTimestampFactory(), apiKey, signer));
        } catch (BrokerException.Rejected e) {
            if (e.code() == -2013) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(withFills(symbol, o));
    }

    private VenueOrder withFills(String symbol, BinanceOrder o) {
        List<Fill> fills = new ArrayList<>();
        if (o.executedQty.signum() > 0) {
            List<BinanceTrade> trades = call("trades of " + o.clientOrderId, false,
                    () -> trade.myTradesAllProducts(pair(symbol), o.orderId, null, null, null, 1000));
            for (BinanceTrade t : trades) {
                if (t.orderId == o.orderId) {
                    fills.add(new Fill(o.clientOrderId, Long.toString(t.id), t.price, t.qty, t.commission, t.commissionAsset, t.time));
                }
            }
        }
        return new VenueOrder(symbol, o.clientOrderId, Long.toString(o.orderId), status(o.status.name()), o.origQty,
                o.executedQty, fills, o.time);
    }

    @Override
    public VenueOrder cancel(String symbol, String clientOrderId) {
        call("cancel " + clientOrderId, false, () -> lookup.cancel(exchangeSymbol(symbol), clientOrderId, settings.recvWindowMs(),
                exchange.getTimestampFactory(), apiKey, signer));
        return find(symbol, clientOrderId).orElseThrow(() -> new BrokerException.OutcomeUnknown(
                "order " + clientOrderId + " vanished after its cancel", null));
    }

    @Override
    public List<VenueOrder> openOrders(String symbol) {
        List<BinanceOrder> list = call("open orders", false,
                () -> symbol == null ? trade.openOrdersAllProducts() : trade.openOrdersAllProducts(pair(symbol)));
        synchronized (this) {
            loadExchangeInfo();
        }
        List<VenueOrder> out = new ArrayList<>();
        for (BinanceOrder o : list) {
            String ours = symbol != null ? symbol : symbolsByExchangeName.getOrDefault(o.symbol, o.symbol);
            out.add(new VenueOrder(ours, o.clientOrderId, Long.toString(o.orderId), status(o.status.name()), o.origQty,
                    o.executedQty, List.of(), o.time));
        }
        return out;
    }

    @Override
    public Map<String, BigDecimal> balances() {
        BinanceAccountInformation info = call("account", false, account::account);
        Map<String, BigDecimal> out = new TreeMap<>();
        for (BinanceBalance b : info.balances) {
            out.put(b.getCurrency().getCurrencyCode(), b.getTotal());
        }
        return out;
    }

    private static VenueOrder.Status status(String binance) {
        return VenueOrder.Status.valueOf(binance);
    }

    // ---- errors ---------------------------------------------------------------------------------

    private interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs a call, retrying 429/418 after their Retry-After, and maps failures to {@link BrokerException}s.
     * Each HTTP attempt is counted and timed in the health report's endpoint, failures with their (redacted) text.
     */
    private <T> T call(String what, boolean placesOrder, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            long start = calls.start();
            try {
                T result = call.run();
                calls.succeeded(start);
                return result;
            } catch (BinanceException e) {
                int status = e.getHttpStatusCode();
                String text = "Binance.US " + e.getCode() + " " + redact(e.getMessage()).replaceAll(" \\(HTTP status code: \\d+\\)$", "");
                if (status == 429 || status == 418) {
                    long wait = Math.min(settings.maxBackoffMs(), retryAfterMs(e));
                    if (attempt >= settings.maxAttempts()) {
                        throw failed(start, new BrokerException.Unavailable(what + ": rate limited (" + text + "), gave up after " + attempt
                                + " tries", null));
                    }
                    calls.failed(start, what + ": HTTP " + status + " (" + text + ")");
                    log.warn("{}: HTTP {} from Binance.US, retrying in {} ms (try {} of {})", what, status, wait, attempt + 1,
                            settings.maxAttempts());
                    sleep(wait);
                    continue;
                }
                if (status >= 500) {
                    throw failed(start, placesOrder ? new BrokerException.OutcomeUnknown(what + ": HTTP " + status + " (" + text + ")", null)
                            : new BrokerException.Unavailable(what + ": HTTP " + status + " (" + text + ")", null));
                }
                throw failed(start, new BrokerException.Rejected(e.getCode(), explain(e.getCode(), text)));
            } catch (HttpStatusExceptionSupport e) {
                int status = e.getHttpStatusCode();
                if (status >= 500 && placesOrder) {
                    throw failed(start, new BrokerException.OutcomeUnknown(what + ": HTTP " + status + " from Binance.US", null));
                }
                throw failed(start, new BrokerException.Unavailable(what + ": HTTP " + status + " from Binance.US", null));
            } catch (IOException | RuntimeException e) {
                if (e instanceof BrokerException b) {
                    throw failed(start, b);
                }
                throw failed(start, translate(what, placesOrder, e));
            }
        }
    }

    /** Records a failed attempt with {@code e}'s message (built without keys, secrets or signatures) and returns {@code e}. */
    private <E extends RuntimeException> E failed(long start, E e) {
        calls.failed(start, e.getMessage());
        return e;
    }

    private static String explain(int code, String text) {
        return switch (code) {
            case -2014, -2015 -> text + ": the API key is wrong, lacks trading permission or is not allowed from this IP";
            case -1022 -> text + ": the API secret does not match the key";
            case -1021 -> text + ": this machine's clock is off; sync it (NTP)";
            default -> text;
        };
    }

    private RuntimeException translate(String what, boolean placesOrder, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new BrokerException.Unavailable(what + ": cannot connect to Binance.US", null);
            }
        }
        String kind = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException || t instanceof java.net.SocketException || t instanceof IOException) {
                kind = t.getClass().getSimpleName();
                break;
            }
        }
        String text = what + ": no complete reply from Binance.US (" + kind + ")";
        return placesOrder ? new BrokerException.OutcomeUnknown(text, null) : new BrokerException.Unavailable(text, null);
    }

    private String redact(String s) {
        if (s == null) {
            return "";
        }
        String out = s.replace(apiKey, "<api-key>").replace(secret, "<secret>");
        return out.replaceAll("signature=[0-9a-fA-F]+", "signature=<redacted>");
    }

    private static long retryAfterMs(Exception e) {
        Map<String, List<String>> headers = e instanceof HttpResponseAware a ? a.getResponseHeaders() : null;
        if (headers != null) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After") && !h.getValue().isEmpty()) {
                    try {
                        return (long) (Double.parseDouble(h.getValue().get(0).trim()) * 1000);
                    } catch (NumberFormatException ignored) {
                        break;
                    }
                }
            }
        }
        return 1_000;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new BrokerException.Unavailable("interrupted while waiting to retry", ie);
        }
    }

    @Override
    public String toString() {
        return "XChangeBinanceUsBroker[" + settings.baseUrl() + "]"; // never the key or secret
    }
}
