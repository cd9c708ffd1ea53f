package io.tradingbots.engine.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.engine.bot.BotView;
import io.tradingbots.engine.health.HealthView;
import io.tradingbots.engine.market.PriceView;
import io.tradingbots.engine.portfolio.PortfolioView;
import io.tradingbots.engine.state.StateSnapshot;
import io.tradingbots.engine.state.StateSubscriber;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's WatchState stream. Changes are merged into a pending set keyed by bot id and price
 * symbol, and sent only while the transport says the client is ready
 * ({@link ServerCallStreamObserver#isReady()}). A client that stops reading therefore costs at most
 * one pending value per bot, per symbol, plus one portfolio and one health message, however long it
 * stalls: when it reads again, it gets the latest values and nothing in between.
 */
final class StateStream implements StateSubscriber {

    private final ServerCallStreamObserver<WatchStateResponse> out;
    private final Executor executor;
    private final Object pendingLock = new Object();
    private final Object sendLock = new Object();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private StateSnapshot pendingSnapshot;
    private final Map<String, BotView> pendingBots = new LinkedHashMap<>();
    private final Map<String, PriceView> pendingPrices = new LinkedHashMap<>();
    private PortfolioView pendingPortfolio;
    private HealthView pendingHealth;
    private long sequence;
    private volatile boolean closed;

    StateStream(ServerCallStreamObserver<WatchStateResponse> out, Executor executor) {
        this.out = out;
        this.executor = executor;
    }

    /** The state this stream starts from: sent first, as the snapshot. */
    void begin(StateSnapshot snapshot) {
        synchronized (pendingLock) {
            pendingSnapshot = snapshot;
        }
        scheduleDrain();
    }

    void close() {
        closed = true;
    }

    @Override
    public void botChanged(BotView bot) {
        synchronized (pendingLock) {
            pendingBots.put(bot.id(), bot);
        }
        scheduleDrain();
    }

    @Override
    public void priceChanged(PriceView price) {
        synchronized (pendingLock) {
            pendingPrices.put(price.symbol(), price);
        }
        scheduleDrain();
    }

    @Override
    public void portfolioChanged(PortfolioView portfolio) {
        synchronized (pendingLock) {
            pendingPortfolio = portfolio;
        }
        scheduleDrain();
    }

    @Override
    public void healthChanged(HealthView health) {
        synchronized (pendingLock) {
            pendingHealth = health;
        }
        scheduleDrain();
    }

    /** Called on changes and by the transport's on-ready handler. Cheap and non-blocking. */
    void scheduleDrain() {
        if (!closed && drainScheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        synchronized (sendLock) {
            while (!closed && out.isReady()) {
                WatchStateResponse message = takePending();
                if (message == null) {
                    return;
                }
                try {
                    out.onNext(message);
                } catch (RuntimeException e) {
                    // The call was cancelled between isReady() and onNext(): the cancel handler cleans up.
                    closed = true;
                    return;
                }
            }
        }
    }

    /** Builds one message from everything pending and clears it; null when nothing is pending. */
    private WatchStateResponse takePending() {
        synchronized (pendingLock) {
            WatchStateResponse.Builder m = WatchStateResponse.newBuilder();
            if (pendingSnapshot != null) {
                // Changes recorded after the snapshot was taken are newer: let them override it.
                StateSnapshot s = pendingSnapshot;
                pendingSnapshot = null;
                m.setSnapshot(true);
                Map<String, BotView> bots = new LinkedHashMap<>();
                s.bots().forEach(b -> bots.put(b.id(), b));
                bots.putAll(pendingBots);
                Map<String, PriceView> prices = new LinkedHashMap<>();
                s.prices().forEach(p -> prices.put(p.symbol(), p));
                prices.putAll(pendingPrices);
                pendingBots.clear();
                pendingPrices.clear();
                pendingBots.putAll(bots);
                pendingPrices.putAll(prices);
                if (pendingPortfolio == null) {
                    pendingPortfolio = s.portfolio();
                }
                if (pendingHealth == null) {
                    pendingHealth = s.health();
                }
            } else if (pendingBots.isEmpty() && pendingPrices.isEmpty() && pendingPortfolio == null && pendingHealth == null) {
                return null;
            }
            pendingBots.values().forEach(b -> m.addBots(ProtoMapper.toProto(b)));
            pendingPrices.values().forEach(p -> m.addPrices(ProtoMapper.toProto(p)));
            if (pendingPortfolio != null) {
                m.setPortfolio(ProtoMapper.toProto(pendingPortfolio));
            }
            if (pendingHealth != null) {
                m.setHealth(ProtoMapper.toProto(pendingHealth));
            }
            pendingBots.clear();
            pendingPrices.clear();
            pendingPortfolio = null;
            pendingHealth = null;
            return m.setSequence(++sequence).setTime(ProtoMapper.time(Instant.now())).build();
        }
    }
}
