package io.tradingbots.desktop.performance;

import java.util.List;

/** A chart series: its legend name and at most {@link Curves#MAX_POINTS} points. */
public record NamedCurve(String name, List<CurvePoint> points) {}
