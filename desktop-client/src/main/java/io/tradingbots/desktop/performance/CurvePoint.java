package io.tradingbots.desktop.performance;

/** One point of a chart series: epoch milliseconds and a value (equity, return or drawdown). */
public record CurvePoint(long time, double value) {}
