package io.tradingbots.desktop.performance;

import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.desktop.support.Formats;

/** A stored backtest offered for comparison: "3f2a… sma-cross BTC/USD 1h (2024-01-01 00:00)". */
public record StoredChoice(String id, String label) {

    static StoredChoice of(BacktestSummary s) {
        return new StoredChoice(s.getId(), s.getId() + "  " + s.getStrategy() + " " + s.getSymbol() + " " + s.getTimeframe()
                + "  (" + Formats.utcMinute(s.getFirstOpenTime()) + " → " + Formats.utcMinute(s.getLastOpenTime()) + ")");
    }

    @Override
    public String toString() {
        return label;
    }
}
