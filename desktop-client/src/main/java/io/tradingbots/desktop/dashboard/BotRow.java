package io.tradingbots.desktop.dashboard;

import io.tradingbots.api.v1.BotState;
import io.tradingbots.desktop.support.Formats;

/** One line of the bots table, already formatted; replaced as a whole when the bot changes. */
public record BotRow(String id, String name, String strategy, String symbol, String timeframe, String status,
                     String statusReason, String allocation, String cash, String position, String equity,
                     String todayPnl, String trades, String lastSignal) {

    public static BotRow of(BotState bot) {
        return new BotRow(bot.getId(), bot.getName(), bot.getStrategy(), bot.getSymbol(), bot.getTimeframe(),
                Formats.enumWord(bot.getStatus(), "BOT_STATUS_"), bot.getStatusReason(),
                Formats.percent(bot.getAllocationPercent()), Formats.money(bot.getCash()),
                Formats.quantity(bot.getPosition()), Formats.money(bot.getEquity()),
                Formats.signedMoney(bot.getTodayPnl()), Formats.count(bot.getTradeCount()),
                bot.getLastSignal().isEmpty() ? Formats.MISSING : bot.getLastSignal());
    }
}
