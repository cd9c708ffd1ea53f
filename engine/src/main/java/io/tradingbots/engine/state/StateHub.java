package io.tradingbots.engine.state;

import io.tradingbots.engine.bot.BotView;
import io.tradingbots.engine.health.HealthView;
import io.tradingbots.engine.market.PriceView;
import io.tradingbots.engine.portfolio.PortfolioView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's current visible state and the list of those watching it. Subscribing returns a
 * snapshot taken atomically with the registration, so a watcher sees every change after it.
 */
public final class StateHub {

    private final Map<String, BotView> bots = new LinkedHashMap<>();
    private final Map<String, PriceView> prices = new LinkedHashMap<>();
    private PortfolioView portfolio;
    private HealthView health;
    private final List<StateSubscriber> subscribers = new CopyOnWriteArrayList<>();

    public synchronized void updateBot(BotView bot) {
        bots.put(bot.id(), bot);
        for (StateSubscriber s : subscribers) {
            s.botChanged(bot);
        }
    }

    public synchronized void updatePrice(PriceView price) {
        prices.put(price.symbol(), price);
        for (StateSubscriber s : subscribers) {
            s.priceChanged(price);
        }
    }

    public synchronized void updatePortfolio(PortfolioView p) {
        if (p.equals(portfolio)) {
            return;
        }
        portfolio = p;
        for (StateSubscriber s : subscribers) {
            s.portfolioChanged(p);
        }
    }

    public synchronized void updateHealth(HealthView h) {
        health = h;
        for (StateSubscriber s : subscribers) {
            s.healthChanged(h);
        }
    }

    public synchronized StateSnapshot snapshot() {
        return new StateSnapshot(new ArrayList<>(bots.values()), new ArrayList<>(prices.values()), portfolio, health);
    }

    /** Registers {@code s} and returns the state it starts from. */
    public synchronized StateSnapshot subscribe(StateSubscriber s) {
        subscribers.add(s);
        return snapshot();
    }

    public void unsubscribe(StateSubscriber s) {
        subscribers.remove(s);
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
