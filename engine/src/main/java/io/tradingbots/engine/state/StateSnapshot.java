package io.tradingbots.engine.state;

import io.tradingbots.engine.bot.BotView;
import io.tradingbots.engine.health.HealthView;
import io.tradingbots.engine.market.PriceView;
import io.tradingbots.engine.portfolio.PortfolioView;
import java.util.List;

/** Everything the engine shows at one moment. Portfolio and health are null until first known. */
public record StateSnapshot(List<BotView> bots, List<PriceView> prices, PortfolioView portfolio, HealthView health) {}
