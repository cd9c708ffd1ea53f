package io.tradingbots.engine.history;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.health.ExchangeCalls;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceUsExchange;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.BinanceExchangeInfo;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.RateLimit;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import si.mazi.rescu.ClientConfig;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusException;
import si.mazi.rescu.RestProxyFactory;

/**
 * Binance.US public market data through XChange (no API keys). XChange types stay in this class.
 * Klines go through {@link BinanceUsKlines}, a rescu proxy like XChange's own, whose result carries
 * the reply headers: X-MBX-USED-WEIGHT-1M is read from every reply, errors included, and the
 * fetcher's {@link RateBudget} also counts the weight it spends.
 */
public final class XChangeBinanceUsMarketData implements CandleSource {

    public static final String DEFAULT_URL = "https://api.binance.us";
    static final int KLINES_WEIGHT = 2;
    private static final long RETRY_AFTER_DEFAULT_MS = 60_000;

    private final String url;
    private final BinanceMarketDataServiceRaw raw;
    private final BinanceUsKlines klines;
    private final LongConsumer usedWeight;
    private final ExchangeCalls.Endpoint calls;

    /** {@code usedWeight} hears each X-MBX-USED-WEIGHT-1M value the exchange reports. */
    public XChangeBinanceUsMarketData(String baseUrl, int timeoutMs, LongConsumer usedWeight) {
        this(baseUrl, timeoutMs, usedWeight, ExchangeCalls.detached("Binance.US market data"));
    }

    /** As above; every HTTP call is counted and timed in {@code calls} (the engine's health report). */
    public XChangeBinanceUsMarketData(String baseUrl, int timeoutMs, LongConsumer usedWeight, ExchangeCalls.Endpoint calls) {
        this.url = baseUrl == null ? DEFAULT_URL : baseUrl;
        this.usedWeight = usedWeight;
        this.calls = calls;
        ExchangeSpecification spec = new BinanceUsExchange().getDefaultExchangeSpecification();
        spec.setSslUri(url);
        spec.setShouldLoadRemoteMetaData(false); // no calls at creation: the fetcher budgets every call
        spec.setHttpConnTimeout(timeoutMs);
        spec.setHttpReadTimeout(timeoutMs);
        ExchangeSpecification.ResilienceSpecification resilience = new ExchangeSpecification.ResilienceSpecification();
        resilience.setRateLimiterEnabled(false); // RateBudget follows the limits exchangeInfo states
        resilience.setRetryEnabled(false);       // the fetcher retries, with back-off
        spec.setResilience(resilience);
        this.raw = (BinanceMarketDataServiceRaw) ExchangeFactory.INSTANCE.createExchange(spec).getMarketDataService();
        ClientConfig rest = new ClientConfig();
        rest.setHttpConnTimeout(timeoutMs);
        rest.setHttpReadTimeout(timeoutMs);
        this.klines = RestProxyFactory.createProxy(BinanceUsKlines.class, url, rest);
    }

    @Override
    public String exchange() {
        return "binanceus";
    }

    @Override
    public ExchangeRules rules() {
        BinanceExchangeInfo info = call("exchangeInfo", raw::getExchangeInfo);
        if (info == null || info.getSymbols() == null) {
            throw new EngineException("malformed exchangeInfo reply from " + url + ": no symbols");
        }
        Set<String> symbols = new HashSet<>();
        info.getSymbols().forEach(s -> symbols.add(s.getBaseAsset() + "/" + s.getQuoteAsset()));
        int limit = 1_200;
        long window = 60_000;
        if (info.getRateLimits() != null) {
            for (RateLimit r : info.getRateLimits()) {
                if ("REQUEST_WEIGHT".equals(r.getRateLimitType())) {
                    try {
                        limit = Integer.parseInt(r.getLimit());
                        window = intervalMillis(r.getInterval()) * Long.parseLong(r.getIntervalNum() == null ? "1" : r.getIntervalNum());
                    } catch (RuntimeException e) {
                        throw new EngineException("malformed rateLimits in exchangeInfo from " + url + ": " + r, e);
                    }
                }
            }
        }
        return new ExchangeRules(Set.copyOf(symbols), limit, window);
    }

    static long intervalMillis(String interval) {
        return switch (interval) {
            case "SECOND" -> 1_000;
            case "MINUTE" -> 60_000;
            case "HOUR" -> 3_600_000;
            case "DAY" -> 86_400_000;
            default -> throw new IllegalArgumentException("unknown interval " + interval);
        };
    }

    @Override
    public int candlesWeight(int limit) {
        return KLINES_WEIGHT;
    }

    @Override
    public List<Candle> candles(String symbol, Timeframe tf, long start, long end, int limit) {
        String exchangeSymbol = symbol.replace("/", "");
        BinanceUsKlines.Rows rows = call(symbol + " " + tf + " klines",
                () -> klines.klines(exchangeSymbol, tf.label(), limit, start, end - 1));
        reportWeight(rows.getResponseHeaders());
        List<Candle> out = new ArrayList<>(rows.size());
        for (List<Object> k : rows) {
            try {
                out.add(new Candle(symbol, tf, Long.parseLong(String.valueOf(k.get(0))), decimal(k.get(1)), decimal(k.get(2)),
                        decimal(k.get(3)), decimal(k.get(4)), decimal(k.get(5))));
            } catch (RuntimeException e) {
                throw new EngineException("malformed kline from " + url + " for " + symbol + " " + tf + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Binance sends prices and volumes as strings; exact decimals from their text. */
    private static BigDecimal decimal(Object value) {
        return new BigDecimal(String.valueOf(value));
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T call(String what, Call<T> call) {
        long start = calls.start();
        RuntimeException failure;
        try {
            T result = call.run();
            calls.succeeded(start);
            return result;
        } catch (EngineException e) {
            failure = e;
        } catch (Exception e) {
            failure = translate(what, e);
        }
        String m = String.valueOf(failure.getMessage());
        calls.failed(start, m.startsWith(what) ? m : what + ": " + m);
        throw failure;
    }

    private RuntimeException translate(String what, Exception e) {
        if (e instanceof HttpStatusException h) {
            int status = h.getHttpStatusCode();
            Map<String, List<String>> headers = e instanceof HttpResponseAware a ? a.getResponseHeaders() : null;
            reportWeight(headers);
            if (status < 300) {
                return new EngineException(what + ": malformed reply from " + url + ": " + oneLine(e.getMessage()), e);
            }
            if (status == 429 || status == 418) {
                return new RateLimitedException(status, retryAfterMs(headers));
            }
            if (status >= 500) {
                return new TransientSourceException(what + ": HTTP " + status + " from " + url, e);
            }
            return new EngineException(what + ": HTTP " + status + " from " + url + ": " + oneLine(e.getMessage()), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.net.UnknownHostException) {
                return new TransientSourceException(what + ": cannot connect to " + url + " (" + t.getMessage() + ")", e);
            }
            if (t instanceof InterruptedIOException || t instanceof java.net.SocketException) {
                return new TransientSourceException(what + ": no complete reply from " + url + " (" + t + ")", e);
            }
        }
        return new EngineException(what + ": malformed reply from " + url + ": " + oneLine(String.valueOf(e.getMessage())), e);
    }

    private void reportWeight(Map<String, List<String>> headers) {
        String used = header(headers, "X-MBX-USED-WEIGHT-1M");
        if (used != null) {
            try {
                usedWeight.accept(Long.parseLong(used.trim()));
            } catch (NumberFormatException ignored) {
                // a garbled header is no reason to fail the fetch; the budget keeps its own count
            }
        }
    }

    private static long retryAfterMs(Map<String, List<String>> headers) {
        String v = header(headers, "Retry-After");
        if (v == null) {
            return RETRY_AFTER_DEFAULT_MS;
        }
        try {
            return Math.max(0, (long) (Double.parseDouble(v.trim()) * 1000));
        } catch (NumberFormatException e) {
            return RETRY_AFTER_DEFAULT_MS;
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    private static String oneLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        String s = nl < 0 ? m : m.substring(0, nl);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
