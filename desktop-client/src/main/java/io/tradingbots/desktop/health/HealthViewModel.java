package io.tradingbots.desktop.health;

import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.HealthStatus;
import io.tradingbots.desktop.dashboard.DashboardViewModel;
import io.tradingbots.desktop.engine.ConnectionStatus;
import io.tradingbots.desktop.support.Formats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The System health view's state: every figure the engine's {@link EngineHealth} carries, the
 * figures it does not carry marked as such, and the client's link to the engine (connection and
 * SSH tunnel). It follows the dashboard's state stream, so it opens no stream of its own (and
 * does not count as one more watcher); it changes only on the UI thread, as the dashboard does.
 */
public final class HealthViewModel {

    /** Market data older than this is flagged (the engine itself reports DEGRADED after its own limit). */
    static final long STALE_MARKET_MS = 60_000;
    /** Heap use above this share of the maximum is flagged. */
    static final double HEAP_WARNING = 0.85;

    private final ObservableList<HealthRow> rows = FXCollections.observableArrayList();
    private final ObservableList<HealthRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "waiting for the engine's health");
    private EngineHealth health;
    private ConnectionStatus status = ConnectionStatus.CONNECTING;
    private String tunnel = "";

    public HealthViewModel() {
        rebuild();
    }

    /** Mirrors the dashboard's stream: its last health message, connection status and tunnel state. */
    public void follow(DashboardViewModel dashboard) {
        dashboard.healthMessageProperty().addListener((obs, before, now) -> setHealth(now));
        dashboard.statusProperty().addListener((obs, before, now) -> setStatus(now));
        dashboard.tunnelProperty().addListener((obs, before, now) -> setTunnel(now));
        health = dashboard.healthMessageProperty().get();
        status = dashboard.statusProperty().get();
        tunnel = dashboard.tunnelProperty().get();
        rebuild();
    }

    /** The engine's last health report; null while unknown (not connected, or before the first snapshot). */
    public void setHealth(EngineHealth now) {
        health = now;
        rebuild();
    }

    public void setStatus(ConnectionStatus now) {
        status = now;
        rebuild();
    }

    /** "ssh deploy@droplet → engine port 50051: up"; empty for a direct connection. */
    public void setTunnel(String now) {
        tunnel = now == null ? "" : now;
        rebuild();
    }

    private void rebuild() {
        List<HealthRow> next = new ArrayList<>();
        next.add(new HealthRow("Connection", status.text(), status.state() != ConnectionStatus.State.CONNECTED));
        next.add(HealthRow.of("SSH tunnel", tunnel.isEmpty() ? "none (direct connection)" : tunnel));
        if (health == null) {
            headline.set(status.state() == ConnectionStatus.State.CONNECTED
                    ? "waiting for the engine's health" : "engine health unknown while " + status.state().name().toLowerCase(Locale.ROOT));
            rows.setAll(next);
            return;
        }
        EngineHealth h = health;
        String state = Formats.enumWord(h.getStatus(), "HEALTH_STATUS_").toUpperCase(Locale.ROOT);
        headline.set("Engine " + state + (h.getDetail().isEmpty() ? "" : ": " + h.getDetail()));
        next.add(new HealthRow("Engine status", state, h.getStatus() != HealthStatus.HEALTH_STATUS_OK));
        next.add(HealthRow.of("Status detail", h.getDetail().isEmpty() ? "—" : h.getDetail()));
        next.add(HealthRow.of("Uptime", Formats.duration(Duration.ofSeconds(h.getUptimeSeconds()))));
        next.add(h.getProcessCpuLoad() < 0 ? HealthRow.of("Engine process CPU", "not available on the engine's JVM")
                : HealthRow.of("Engine process CPU", String.format(Locale.US, "%.1f%%", h.getProcessCpuLoad() * 100)));
        next.add(HealthRow.of("JVM heap used", Formats.megabytes(h.getHeapUsedBytes())));
        next.add(HealthRow.of("JVM heap max", h.getHeapMaxBytes() <= 0 ? "no limit" : Formats.megabytes(h.getHeapMaxBytes())));
        if (h.getHeapMaxBytes() > 0) {
            double share = (double) h.getHeapUsedBytes() / h.getHeapMaxBytes();
            next.add(new HealthRow("JVM heap use", String.format(Locale.US, "%.1f%%", share * 100), share > HEAP_WARNING));
        }
        next.add(HealthRow.of("JVM threads", Formats.count(h.getThreadCount())));
        next.add(new HealthRow("Market data age", String.format(Locale.US, "%.1f s", h.getMarketDataAgeMs() / 1000.0),
                h.getMarketDataAgeMs() > STALE_MARKET_MS));
        next.add(HealthRow.of("Market source", h.getMarketStatus().isEmpty() ? "—" : h.getMarketStatus()));
        next.add(HealthRow.of("State stream watchers", Formats.count(h.getWatchers())));
        next.add(HealthRow.missing("Market data age per feed"));
        next.add(HealthRow.missing("Host CPU"));
        next.add(HealthRow.missing("Host memory"));
        next.add(HealthRow.missing("Disk"));
        next.add(HealthRow.missing("Exchange API latency"));
        next.add(HealthRow.missing("Exchange API errors"));
        rows.setAll(next);
    }

    /** "Engine OK", "Engine DEGRADED: no market data for 75 s". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ObservableList<HealthRow> rows() {
        return rowsView;
    }

    /** The row called {@code name}, if shown. */
    public java.util.Optional<HealthRow> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
