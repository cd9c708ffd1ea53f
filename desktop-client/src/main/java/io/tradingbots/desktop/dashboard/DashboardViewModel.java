package io.tradingbots.desktop.dashboard;

import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.PriceQuote;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.desktop.engine.ConnectionStatus;
import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.desktop.engine.StateListener;
import io.tradingbots.desktop.engine.StateSource;
import io.tradingbots.desktop.support.Coalescer;
import io.tradingbots.desktop.support.Formats;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dashboard's state: engine facts, live totals, bots and prices. It merges the state stream:
 * a snapshot replaces everything, a delta replaces only the bots and prices it names (by bot id
 * and symbol) and the portfolio and health when present. All mutation happens on the UI thread;
 * {@link #start} routes the stream there through a {@link Coalescer} that merges what waits
 * ({@link PendingState}); on a {@link io.tradingbots.desktop.support.FrameExecutor} that is at most
 * one update per frame however fast the engine sends.
 */
public final class DashboardViewModel {

    private final String target;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<EngineInfoText> info = new ReadOnlyObjectWrapper<>(this, "info");
    private final ReadOnlyObjectWrapper<PortfolioText> portfolio =
            new ReadOnlyObjectWrapper<>(this, "portfolio", PortfolioText.EMPTY);
    private final ReadOnlyObjectWrapper<ConnectionStatus> status =
            new ReadOnlyObjectWrapper<>(this, "status", ConnectionStatus.CONNECTING);
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper(this, "health", "");
    /** The last health message itself, for the System health view; null while unknown. */
    private final ReadOnlyObjectWrapper<EngineHealth> healthMessage = new ReadOnlyObjectWrapper<>(this, "healthMessage");
    private final ReadOnlyStringWrapper lastUpdate = new ReadOnlyStringWrapper(this, "lastUpdate", "");
    private final ReadOnlyStringWrapper tunnel = new ReadOnlyStringWrapper(this, "tunnel", "");
    private final ObservableList<BotRow> bots = FXCollections.observableArrayList();
    private final ObservableList<PriceRow> prices = FXCollections.observableArrayList();
    private final ObservableList<BotRow> botsView = FXCollections.unmodifiableObservableList(bots);
    private final ObservableList<PriceRow> pricesView = FXCollections.unmodifiableObservableList(prices);

    private StateSource.Subscription subscription;

    public DashboardViewModel(String target, GetInfoResponse engineInfo, ZoneId zone) {
        this.target = target;
        this.zone = zone;
        info.set(EngineInfoText.of(target, engineInfo, zone));
    }

    /** Watches the source; its callbacks reach this model only through {@code ui}, batched and merged. */
    public void start(StateSource source, Executor ui) {
        stop();
        Coalescer<StateEvent> coalescer = new Coalescer<>(ui, PendingState::add, this::applyAll);
        subscription = source.watchState(new StateListener() {
            @Override
            public void onStatus(ConnectionStatus s) {
                coalescer.offer(new StateEvent.StatusChanged(s));
            }

            @Override
            public void onState(WatchStateResponse message) {
                coalescer.offer(new StateEvent.StateReceived(message));
            }

            @Override
            public void onInfo(GetInfoResponse engineInfo) {
                coalescer.offer(new StateEvent.InfoReceived(engineInfo));
            }
        });
    }

    /** Shows the SSH tunnel's state ("ssh deploy@droplet → engine port 50051: up"); its rare changes reach {@code ui}. */
    public void watchTunnel(EngineSession.Transport transport, Executor ui) {
        String name = transport.describe();
        tunnel.set(name + ": up");
        transport.watch(state -> ui.execute(() -> tunnel.set(name + ": " + state)));
    }

    /** Empty without an SSH tunnel. */
    public ReadOnlyStringProperty tunnelProperty() {
        return tunnel.getReadOnlyProperty();
    }

    public void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    void applyAll(List<StateEvent> events) {
        for (StateEvent event : events) {
            if (event instanceof StateEvent.StatusChanged changed) {
                setStatus(changed.status());
            } else if (event instanceof StateEvent.StateReceived received) {
                apply(received.message());
            } else if (event instanceof StateEvent.InfoReceived received) {
                info.set(EngineInfoText.of(target, received.info(), zone));
            }
        }
    }

    /** While not connected, the engine's health is unknown; the next snapshot brings it back. */
    private void setStatus(ConnectionStatus now) {
        status.set(now);
        if (now.state() != ConnectionStatus.State.CONNECTED) {
            health.set("");
            healthMessage.set(null);
        }
    }

    /** Merges one stream message into the state. */
    public void apply(WatchStateResponse message) {
        if (message.getSnapshot()) {
            bots.setAll(sorted(message.getBotsList(), BotState::getName, BotRow::of));
            prices.setAll(sorted(message.getPricesList(), PriceQuote::getSymbol, q -> PriceRow.of(q, zone)));
            portfolio.set(PortfolioText.EMPTY);
            health.set("");
            healthMessage.set(null);
        } else {
            message.getBotsList().forEach(bot -> upsert(bots, BotRow.of(bot), BotRow::id));
            message.getPricesList().forEach(quote -> upsert(prices, PriceRow.of(quote, zone), PriceRow::symbol));
        }
        if (message.hasPortfolio()) {
            portfolio.set(PortfolioText.of(message.getPortfolio()));
        }
        if (message.hasHealth()) {
            health.set(healthText(message.getHealth()));
            healthMessage.set(message.getHealth());
        }
        lastUpdate.set("update #" + message.getSequence() + " at " + Formats.time(message.getTime(), zone));
    }

    private static <M, R> List<R> sorted(List<M> messages, Function<M, String> key, Function<M, R> toRow) {
        List<M> copy = new ArrayList<>(messages);
        copy.sort(Comparator.comparing(key));
        return copy.stream().map(toRow).toList();
    }

    private static <R> void upsert(ObservableList<R> rows, R row, Function<R, String> key) {
        String id = key.apply(row);
        for (int i = 0; i < rows.size(); i++) {
            if (key.apply(rows.get(i)).equals(id)) {
                rows.set(i, row);
                return;
            }
        }
        rows.add(row);
    }

    static String healthText(EngineHealth h) {
        String state = "engine " + Formats.enumWord(h.getStatus(), "HEALTH_STATUS_").toUpperCase(Locale.ROOT)
                + (h.getDetail().isEmpty() ? "" : " (" + h.getDetail() + ")");
        List<String> parts = new ArrayList<>(List.of(state,
                "up " + Formats.duration(Duration.ofSeconds(h.getUptimeSeconds())),
                "heap " + Formats.megabytes(h.getHeapUsedBytes()) + " of " + Formats.megabytes(h.getHeapMaxBytes()),
                String.format(Locale.US, "market data %.1f s old", h.getMarketDataAgeMs() / 1000.0)));
        if (!h.getMarketStatus().isEmpty()) {
            parts.add("market " + h.getMarketStatus());
        }
        parts.add(h.getWatchers() + (h.getWatchers() == 1 ? " watcher" : " watchers"));
        return String.join("  ·  ", parts);
    }

    public ReadOnlyObjectProperty<EngineInfoText> infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PortfolioText> portfolioProperty() {
        return portfolio.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EngineHealth> healthMessageProperty() {
        return healthMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastUpdateProperty() {
        return lastUpdate.getReadOnlyProperty();
    }

    /** Bots in engine order (by name at the last snapshot); read-only, wrap in a SortedList to sort. */
    public ObservableList<BotRow> bots() {
        return botsView;
    }

    public ObservableList<PriceRow> prices() {
        return pricesView;
    }
}
