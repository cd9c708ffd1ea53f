package io.tradingbots.engine.history;

import io.tradingbots.engine.market.Timeframe;
import java.util.Objects;

/** Which candles: from which exchange (or {@code import}), for which symbol, at which interval. */
public record SeriesKey(String exchange, String symbol, Timeframe timeframe) {

    public SeriesKey {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
    }

    @Override
    public String toString() {
        return exchange + " " + symbol + " " + timeframe.label();
    }
}
