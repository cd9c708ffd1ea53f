package io.tradingbots.desktop.risk;

import io.tradingbots.api.v1.BotRisk;
import io.tradingbots.api.v1.CoinExposure;
import io.tradingbots.desktop.support.Formats;

/** One line of the exposure table: a coin (all bots) or a bot (with its drawdown). */
public record ExposureRow(String scope, String name, String exposure, String drawdown) {

    static ExposureRow of(CoinExposure c) {
        return new ExposureRow("coin", c.getCoin(), Formats.money(c.getExposure()), "");
    }

    static ExposureRow of(BotRisk b) {
        return new ExposureRow("bot", b.getBotId(), Formats.money(b.getExposure()), Formats.percent(b.getDrawdownPercent()));
    }
}
