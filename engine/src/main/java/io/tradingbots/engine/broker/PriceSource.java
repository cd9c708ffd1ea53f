package io.tradingbots.engine.broker;

import io.tradingbots.engine.market.PriceTick;
import java.util.Optional;

/** The latest price of a symbol, as the market source last gave it. */
@FunctionalInterface
public interface PriceSource {
    Optional<PriceTick> last(String symbol);
}
