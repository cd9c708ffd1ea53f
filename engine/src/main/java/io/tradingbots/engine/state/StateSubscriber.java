package io.tradingbots.engine.state;

import io.tradingbots.engine.bot.BotView;
import io.tradingbots.engine.health.HealthView;
import io.tradingbots.engine.market.PriceView;
import io.tradingbots.engine.portfolio.PortfolioView;

/**
 * Told about each change, under the hub's lock: implementations must only record the change and
 * return (no I/O, no blocking).
 */
public interface StateSubscriber {

    void botChanged(BotView bot);

    void priceChanged(PriceView price);

    void portfolioChanged(PortfolioView portfolio);

    void healthChanged(HealthView health);
}
