package io.tradingbots.desktop.charts;

import io.tradingbots.api.v1.Bot;

/** A bot the chart can show: its candles, its strategy's lines and its fills. */
public record BotChoice(String id, String name, String strategy, String symbol, String timeframe) {

    static BotChoice of(Bot b) {
        return new BotChoice(b.getId(), b.getName(), b.getStrategy(), b.getSymbol(), b.getTimeframe());
    }

    @Override
    public String toString() {
        return name + " · " + strategy + " · " + symbol + " " + timeframe;
    }
}
