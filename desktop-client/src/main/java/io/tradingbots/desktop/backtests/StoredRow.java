package io.tradingbots.desktop.backtests;

import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.desktop.support.Formats;
import java.util.stream.Collectors;

/** One stored backtest in the results list: what ran, and its headline next to buy-and-hold. */
public record StoredRow(String id, String when, String series, String strategy, String period, String totalReturn,
                        String buyAndHold, String maxDrawdown, String sharpe, String trades, boolean loss,
                        boolean beatsHold) {

    static StoredRow of(BacktestSummary s) {
        String params = s.getParamsMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        var ret = BacktestText.parse(s.getTotalReturn());
        var hold = BacktestText.parse(s.getBuyAndHoldReturn());
        return new StoredRow(s.getId(), Formats.utcMinute(s.getCreatedAt()),
                s.getSymbol() + " " + s.getTimeframe() + " · " + s.getExchange(),
                s.getStrategy() + (params.isEmpty() ? "" : " " + params),
                Formats.utcMinute(s.getFirstOpenTime()) + " → " + Formats.utcMinute(s.getLastOpenTime()),
                BacktestText.signedFraction(s.getTotalReturn()), BacktestText.signedFraction(s.getBuyAndHoldReturn()),
                BacktestText.drawdown(s.getMaxDrawdown()), BacktestText.ratio(s.getSharpe()), Formats.count(s.getTrades()),
                BacktestText.negative(s.getTotalReturn()), ret != null && hold != null && ret.compareTo(hold) > 0);
    }
}
