package io.tradingbots.desktop.risk;

import io.tradingbots.api.v1.MarketRegime;
import io.tradingbots.desktop.support.Formats;
import java.time.ZoneId;
import java.util.Locale;

/** A market's regime as the engine reads it on hourly candles. */
public record RegimeRow(String symbol, String regime, String adx, String volatility, String since) {

    static RegimeRow of(MarketRegime r, ZoneId zone) {
        return new RegimeRow(r.getSymbol() + " " + r.getTimeframe(), Formats.enumWord(r.getLabel(), "MARKET_REGIME_LABEL_"),
                String.format(Locale.US, "%.1f", r.getAdx()),
                String.format(Locale.US, "%.2f%% (p%.0f)", r.getVolatilityPercent(), r.getVolatilityPercentile()),
                Formats.dateTime(r.getSince(), zone) + " (" + r.getCandlesInRegime() + " candles)");
    }
}
