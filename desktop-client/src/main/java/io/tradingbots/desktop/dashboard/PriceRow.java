package io.tradingbots.desktop.dashboard;

import io.tradingbots.api.v1.PriceQuote;
import io.tradingbots.desktop.support.Formats;
import java.time.ZoneId;

/** One line of the prices table, already formatted. */
public record PriceRow(String symbol, String price, String change24h, String time) {

    public static PriceRow of(PriceQuote quote, ZoneId zone) {
        return new PriceRow(quote.getSymbol(), Formats.price(quote.getPrice()),
                Formats.signedPercent(quote.getChange24HPercent()), Formats.time(quote.getTime(), zone));
    }
}
