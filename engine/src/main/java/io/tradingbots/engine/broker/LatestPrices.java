package io.tradingbots.engine.broker;

import io.tradingbots.engine.market.PriceTick;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PriceSource} fed with every tick of the market source. Thread-safe. */
public final class LatestPrices implements PriceSource {

    private final Map<String, PriceTick> last = new ConcurrentHashMap<>();

    public void update(PriceTick tick) {
        last.merge(tick.symbol(), tick, (old, now) -> now.time() >= old.time() ? now : old);
    }

    @Override
    public Optional<PriceTick> last(String symbol) {
        return Optional.ofNullable(last.get(symbol));
    }
}
