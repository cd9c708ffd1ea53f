package io.tradingbots.desktop.backtests;

import io.tradingbots.api.v1.BacktestMetrics;
import io.tradingbots.api.v1.WalkForwardWindow;
import io.tradingbots.desktop.support.Formats;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One walk-forward window as the table shows it: the in-sample winner's parameters and its
 * ranking metric and return, then what those parameters did on the next, unseen bars next to
 * buy-and-hold over them, and the engine's flags. {@code oosLoss} marks a losing out-of-sample
 * return; {@code flagged} a window the engine flagged.
 */
public record WalkForwardRow(int index, String inSample, String outOfSample, String bestParams, String isMetric,
                             String isReturn, String oosReturn, String holdReturn, String oosVsHold, String flags,
                             boolean oosLoss, boolean flagged) {

    /** The engine's wording ({@code tb walkforward} prints the same). */
    public static final String LOSES_TO_HOLD = "LOSES TO HOLD";
    public static final String COLLAPSES = "COLLAPSES";

    static WalkForwardRow of(WalkForwardWindow w, String rankBy) {
        Map<String, String> params = new TreeMap<>(w.getBestParamsMap());
        String flags = ((w.getLosesToHold() ? LOSES_TO_HOLD + " " : "") + (w.getCollapses() ? COLLAPSES : "")).strip();
        return new WalkForwardRow(w.getIndex(),
                Formats.utcMinute(w.getIsFrom()) + " → " + Formats.utcMinute(w.getIsTo()),
                Formats.utcMinute(w.getOosFrom()) + " → " + Formats.utcMinute(w.getOosTo()),
                params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                metric(w.getIsBest(), rankBy),
                BacktestText.signedFraction(w.getIsBest().getTotalReturn()),
                BacktestText.signedFraction(w.getOos().getTotalReturn()),
                BacktestText.signedFraction(w.getOosHold().getTotalReturn()),
                points(w.getOos().getTotalReturn(), w.getOosHold().getTotalReturn()),
                flags, BacktestText.negative(w.getOos().getTotalReturn()), !flags.isEmpty());
    }

    /** The in-sample value of the metric the winner was picked by (the engine's rank_by names). */
    static String metric(BacktestMetrics m, String rankBy) {
        return switch (rankBy) {
            case "sortino" -> BacktestText.ratio(m.getSortino());
            case "return" -> BacktestText.signedFraction(m.getTotalReturn());
            case "annualized" -> BacktestText.signedFraction(m.getAnnualizedReturn());
            case "drawdown" -> BacktestText.drawdown(m.getMaxDrawdown());
            case "profitFactor" -> BacktestText.ratio(m.getProfitFactor());
            case "winRate" -> BacktestText.fraction(m.getWinRate());
            default -> BacktestText.ratio(m.getSharpe());
        };
    }

    /** Strategy minus hold, in percentage points: "0.05" and "0.08" → "-3.00 pp". */
    static String points(String strategy, String hold) {
        BigDecimal s = BacktestText.parse(strategy);
        BigDecimal h = BacktestText.parse(hold);
        if (s == null || h == null) {
            return Formats.MISSING;
        }
        String percent = Formats.signedPercent(s.subtract(h).movePointRight(2).toPlainString());
        return percent.endsWith("%") ? percent.substring(0, percent.length() - 1) + " pp" : percent;
    }
}
