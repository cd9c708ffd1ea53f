package io.tradingbots.desktop.charts;

import io.tradingbots.api.v1.SeriesInventory;
import java.util.Locale;

/** A stored series the picker offers. */
public record SeriesChoice(String exchange, String symbol, String timeframe, long count) {

    static SeriesChoice of(SeriesInventory i) {
        return new SeriesChoice(i.getExchange(), i.getSymbol(), i.getTimeframe(), i.getCount());
    }

    @Override
    public String toString() {
        return symbol + " " + timeframe + " · " + exchange + " (" + String.format(Locale.US, "%,d", count) + ")";
    }
}
