package io.tradingbots.desktop.bots;

import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.BotStatus;
import io.tradingbots.desktop.support.Formats;
import java.util.Locale;
import java.util.stream.Collectors;

/** One bot as the Bots table shows it, formatted for people; {@code status} is the raw enum for the actions. */
public record BotLine(String id, String name, BotStatus status, String statusText, String strategy, String market,
                      String allocation, String allocationPercent, String cash, String position, String equity,
                      String pnl, String lastSignal) {

    static BotLine of(Bot b) {
        String params = b.getParamsMap().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        String status = Formats.enumWord(b.getStatus(), "BOT_STATUS_");
        return new BotLine(b.getId(), b.getName().isEmpty() ? b.getId() : b.getName(), b.getStatus(),
                b.getStatusReason().isEmpty() ? status : status + ": " + b.getStatusReason(),
                params.isEmpty() ? b.getStrategy() : b.getStrategy() + "(" + params + ")",
                b.getSymbol() + " " + b.getTimeframe(), Formats.percent(b.getAllocationPercent()), b.getAllocationPercent(),
                Formats.money(b.getCash()), Formats.quantity(b.getPosition()), Formats.money(b.getEquity()),
                Formats.signedMoney(b.getRealisedPnl()), b.getLastSignal());
    }

    /** Whether the filter text (any case) appears in the id, name, status, strategy or market. */
    boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.strip().toLowerCase(Locale.ROOT);
        return (id + " " + name + " " + statusText + " " + strategy + " " + market).toLowerCase(Locale.ROOT).contains(f);
    }
}
