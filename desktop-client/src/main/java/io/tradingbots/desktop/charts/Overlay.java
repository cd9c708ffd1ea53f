package io.tradingbots.desktop.charts;

/** A line drawn over the candles: one value per candle (NaN where it has none yet). */
public record Overlay(String name, double[] values) {}
