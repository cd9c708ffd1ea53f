package io.tradingbots.desktop.backtests;

import io.tradingbots.api.v1.BacktestMetrics;
import io.tradingbots.desktop.support.Formats;
import java.util.List;
import java.util.function.Function;

/**
 * One figure for the strategy and for buy-and-hold side by side; {@code strategyLoss} and
 * {@code holdLoss} mark values that are losses (shown in the negative colour).
 */
public record MetricRow(String name, String strategy, String buyAndHold, boolean strategyLoss, boolean holdLoss) {

    static List<MetricRow> of(BacktestMetrics s, BacktestMetrics h) {
        return List.of(
                row("Final equity", s, h, m -> Formats.money(m.getFinalEquity()), m -> null),
                row("Total return", s, h, m -> BacktestText.signedFraction(m.getTotalReturn()), BacktestMetrics::getTotalReturn),
                row("Annualised return", s, h, m -> BacktestText.signedFraction(m.getAnnualizedReturn()),
                        BacktestMetrics::getAnnualizedReturn),
                row("Max drawdown", s, h, m -> BacktestText.drawdown(m.getMaxDrawdown()), m -> null),
                row("Sharpe", s, h, m -> BacktestText.ratio(m.getSharpe()), BacktestMetrics::getSharpe),
                row("Sortino", s, h, m -> BacktestText.ratio(m.getSortino()), BacktestMetrics::getSortino),
                row("Win rate", s, h, m -> BacktestText.fraction(m.getWinRate()), m -> null),
                row("Profit factor", s, h, m -> BacktestText.ratio(m.getProfitFactor()), m -> null),
                row("Exposure", s, h, m -> BacktestText.fraction(m.getExposure()), m -> null),
                row("Trades", s, h, m -> Formats.count(m.getTrades()), m -> null),
                row("Fees paid", s, h, m -> Formats.money(m.getFeesPaid()), m -> null));
    }

    private static MetricRow row(String name, BacktestMetrics s, BacktestMetrics h, Function<BacktestMetrics, String> text,
                                 Function<BacktestMetrics, String> signed) {
        return new MetricRow(name, text.apply(s), text.apply(h), loss(s, signed), loss(h, signed));
    }

    private static boolean loss(BacktestMetrics m, Function<BacktestMetrics, String> signed) {
        String v = signed.apply(m);
        return v != null && BacktestText.negative(v);
    }
}
