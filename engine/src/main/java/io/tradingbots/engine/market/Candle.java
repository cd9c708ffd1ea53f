package io.tradingbots.engine.market;

import java.math.BigDecimal;
import java.util.Objects;

/** One closed candle. Prices and volume are exact decimals, as the exchange sends them. */
public record Candle(String symbol, Timeframe timeframe, long openTime,
                     BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {

    public Candle {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException(symbol + " candle at " + openTime + ": high " + high + " < low " + low);
        }
    }

    /** The first millisecond after the candle: when it closed. */
    public long closeTime() {
        return openTime + timeframe.millis();
    }
}
