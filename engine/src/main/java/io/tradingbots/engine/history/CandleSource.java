package io.tradingbots.engine.history;

import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.util.List;
import java.util.Set;

/** Where the fetcher gets candles from: an exchange's REST market data, behind our own types. */
public interface CandleSource {

    /** Name candles are stored under, e.g. binanceus. */
    String exchange();

    /** Symbols the exchange lists and the request-weight budget it states. */
    ExchangeRules rules();

    /**
     * Up to {@code limit} candles with open time in [start, end), ascending. Throws
     * {@link RateLimitedException} on 429/418, {@link TransientSourceException} on 5xx, timeouts
     * and refused connections, and {@link io.tradingbots.engine.EngineException} on replies that
     * retrying cannot fix.
     */
    List<Candle> candles(String symbol, Timeframe tf, long start, long end, int limit);

    /** Weight the exchange charges for one {@link #candles} call of {@code limit}. */
    int candlesWeight(int limit);

    /** The exchange's request-weight budget: {@code limit} weight per {@code windowMs}. */
    record ExchangeRules(Set<String> symbols, int weightLimit, long windowMs) {}

    /** 429 (slow down) or 418 (IP banned): no call may be made for {@code retryAfterMs}. */
    final class RateLimitedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final long retryAfterMs;
        public final boolean banned;

        public RateLimitedException(int status, long retryAfterMs) {
            super("HTTP " + status + (status == 418 ? " (IP banned)" : " (too many requests)") + ", retry after " + retryAfterMs + " ms");
            this.retryAfterMs = retryAfterMs;
            this.banned = status == 418;
        }
    }

    /** A failure that may pass: 5xx, a timeout, a refused or reset connection. */
    final class TransientSourceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TransientSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
