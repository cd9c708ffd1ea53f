package io.tradingbots.desktop.risk;

import io.tradingbots.api.v1.RiskLimits;
import java.math.BigDecimal;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** One editable limit of {@link RiskLimits}: its label, how to read and write it, and which way is looser. */
public enum RiskLimitField {
    DAILY_LOSS("Daily loss limit", "% of day-start equity", true, true,
            l -> l.getDailyLossPercent(), RiskLimits.Builder::setDailyLossPercent),
    ENTRY_BUFFER("Entry buffer", "% points before it", true, false,
            l -> l.getEntryBufferPercent(), RiskLimits.Builder::setEntryBufferPercent),
    BOT_DRAWDOWN("Bot drawdown", "% below its peak", true, true,
            l -> l.getBotDrawdownPercent(), RiskLimits.Builder::setBotDrawdownPercent),
    COIN_EXPOSURE("Exposure per coin", "% of equity", true, true,
            l -> l.getCoinExposurePercent(), RiskLimits.Builder::setCoinExposurePercent),
    TOTAL_EXPOSURE("Total exposure", "% of equity", true, true,
            l -> l.getTotalExposurePercent(), RiskLimits.Builder::setTotalExposurePercent),
    MAX_ORDER("Max order value", "quote currency", false, true,
            l -> l.getMaxOrderNotional(), RiskLimits.Builder::setMaxOrderNotional),
    ORDERS_PER_MINUTE("Entries per minute", "per bot", false, true,
            l -> Integer.toString(l.getMaxOrdersPerMinute()), (b, v) -> b.setMaxOrdersPerMinute(Integer.parseInt(v))),
    MIN_ORDER("Min order value", "quote currency", false, false,
            l -> l.getMinOrderNotional(), RiskLimits.Builder::setMinOrderNotional);

    private final String label;
    private final String unit;
    private final boolean percent;
    /** True when a larger value lets the bots take more risk. */
    private final boolean higherIsLooser;
    private final Function<RiskLimits, String> read;
    private final BiConsumer<RiskLimits.Builder, String> write;

    RiskLimitField(String label, String unit, boolean percent, boolean higherIsLooser, Function<RiskLimits, String> read,
                   BiConsumer<RiskLimits.Builder, String> write) {
        this.label = label;
        this.unit = unit;
        this.percent = percent;
        this.higherIsLooser = higherIsLooser;
        this.read = read;
        this.write = write;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    boolean percent() {
        return percent;
    }

    String read(RiskLimits limits) {
        return read.apply(limits);
    }

    void write(RiskLimits.Builder builder, String value) {
        write.accept(builder, value);
    }

    /** Whether going from {@code now} to {@code proposed} loosens this limit (both valid numbers). */
    boolean loosens(BigDecimal now, BigDecimal proposed) {
        int c = proposed.compareTo(now);
        return higherIsLooser ? c > 0 : c < 0;
    }

    /** The FX id of its text field, "limitDailyLoss". */
    public String fieldId() {
        StringBuilder id = new StringBuilder("limit");
        for (String word : name().split("_")) {
            id.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return id.toString();
    }
}
