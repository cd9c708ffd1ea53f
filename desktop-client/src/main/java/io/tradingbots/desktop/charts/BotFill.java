package io.tradingbots.desktop.charts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One fill of a charted bot, as the engine's order journal has it: a marker on the chart and a row of the fills list. */
public record BotFill(long time, TradeMarker.Side side, BigDecimal price, BigDecimal quantity, BigDecimal fee, String feeAsset,
                      String clientOrderId) {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);

    /**
     * The marker, on the candle during which the fill happened or at whose close it did: a paper
     * fill comes at the close of the candle the bot decided on (its time is the next candle's open),
     * so it is marked on that candle, next to the close it was priced from.
     */
    public TradeMarker marker() {
        return new TradeMarker(time - 1, price, side);
    }

    /** "BUY 0.0015 @ 43,000.12 fee 0.0645 USD". */
    public String brief() {
        int scale = Math.max(2, price.stripTrailingZeros().scale());
        return side + " " + quantity.toPlainString() + " @ " + String.format(Locale.US, "%,." + scale + "f", price)
                + " fee " + fee.toPlainString() + (feeAsset.isEmpty() ? "" : " " + feeAsset);
    }

    @Override
    public String toString() {
        return MINUTE.format(Instant.ofEpochMilli(time)) + "  " + brief();
    }
}
