package io.tradingbots.desktop.backtests;

import io.tradingbots.api.v1.BacktestTrade;
import io.tradingbots.desktop.support.Formats;

/** One closed round trip as the trades table shows it; times are UTC, {@code loss} marks a losing trade. */
public record TradeRow(int number, String entryTime, String entryPrice, String exitTime, String exitPrice,
                       String quantity, String profit, String fees, boolean loss) {

    static TradeRow of(int number, BacktestTrade t) {
        return new TradeRow(number, Formats.utcMinute(t.getEntryTime()), Formats.price(t.getEntryPrice()),
                Formats.utcMinute(t.getExitTime()), Formats.price(t.getExitPrice()), Formats.quantity(t.getQuantity()),
                Formats.signedMoney(t.getProfit()), Formats.money(t.getFees()), BacktestText.negative(t.getProfit()));
    }
}
