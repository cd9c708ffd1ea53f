package io.tradingbots.desktop.dashboard;

import io.tradingbots.api.v1.Portfolio;
import io.tradingbots.desktop.support.Formats;

/** The portfolio totals as the summary cards show them. */
public record PortfolioText(String equity, String cash, String todayPnl, String drawdown) {

    public static final PortfolioText EMPTY =
            new PortfolioText(Formats.MISSING, Formats.MISSING, Formats.MISSING, Formats.MISSING);

    public static PortfolioText of(Portfolio portfolio) {
        return new PortfolioText(Formats.money(portfolio.getEquity()), Formats.money(portfolio.getCash()),
                Formats.signedMoney(portfolio.getTodayPnl()), Formats.percent(portfolio.getDrawdownPercent()));
    }
}
