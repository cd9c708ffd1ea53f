package io.tradingbots.desktop.health;

import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.ExchangeEndpointHealth;
import io.tradingbots.api.v1.FeedHealth;
import io.tradingbots.api.v1.HealthStatus;
import io.tradingbots.desktop.dashboard.DashboardViewModel;
import io.tradingbots.desktop.engine.ConnectionStatus;
import io.tradingbots.desktop.support.Formats;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The System health view's state: every figure the engine's {@link EngineHealth} carries (the
 * process, the host, each market feed's last candle with a stale flag, each exchange endpoint's
 * calls, errors and latency), the figures an older engine does not carry marked as such, and the
 * client's link to the engine (connection and SSH tunnel). It follows the dashboard's state stream, so it opens no stream of its own (and
 * does not count as one more watcher); it changes only on the UI thread, as the dashboard does.
 */
public final class HealthViewModel {

    /** Market data older than this is flagged (the engine itself reports DEGRADED after its own limit). */
    static final long STALE_MARKET_MS = 60_000;
    /** Heap use above this share of the maximum is flagged. */
    static final double HEAP_WARNING = 0.85;

    /** Data-directory disk with less free space than this share is flagged. */
    static final double DISK_FREE_WARNING = 0.10;
    /** Host memory with less available than this share is flagged. */
    static final double MEMORY_AVAILABLE_WARNING = 0.10;
    /** A feed is stale when quiet for longer than twice its candle interval plus this (polling and publishing delays). */
    public static final long STALE_MARGIN_MS = 30_000;

    private final ObservableList<HealthRow> rows = FXCollections.observableArrayList();
    private final ObservableList<HealthRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<FeedRow> feeds = FXCollections.observableArrayList();
    private final ObservableList<FeedRow> feedsView = FXCollections.unmodifiableObservableList(feeds);
    private final ObservableList<EndpointRow> endpoints = FXCollections.observableArrayList();
    private final ObservableList<EndpointRow> endpointsView = FXCollections.unmodifiableObservableList(endpoints);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "waiting for the engine's health");
    private final ReadOnlyStringWrapper feedsNote = new ReadOnlyStringWrapper(this, "feedsNote", "");
    private final ReadOnlyStringWrapper endpointsNote = new ReadOnlyStringWrapper(this, "endpointsNote", "");
    private final ZoneId zone;
    private EngineHealth health;
    private ConnectionStatus status = ConnectionStatus.CONNECTING;
    private String tunnel = "";

    /** Times shown in the system's time zone. */
    public HealthViewModel() {
        this(ZoneId.systemDefault());
    }

    /** Times (a feed's last candle, an endpoint's last error) shown in {@code zone}. */
    public HealthViewModel(ZoneId zone) {
        this.zone = zone;
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
            feeds.clear();
            endpoints.clear();
            feedsNote.set("no engine health yet");
            endpointsNote.set("no engine health yet");
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
        if (!reportsHost(h)) {
            // an engine from before the host, feed and exchange figures
            next.add(HealthRow.missing("Market data age per feed"));
            next.add(HealthRow.missing("Host CPU"));
            next.add(HealthRow.missing("Host memory"));
            next.add(HealthRow.missing("Disk"));
            next.add(HealthRow.missing("Exchange API latency"));
            next.add(HealthRow.missing("Exchange API errors"));
            rows.setAll(next);
            feeds.clear();
            endpoints.clear();
            feedsNote.set(HealthRow.NOT_REPORTED);
            endpointsNote.set(HealthRow.NOT_REPORTED);
            return;
        }
        next.add(HealthRow.of("JVM non-heap used", Formats.megabytes(h.getNonHeapUsedBytes())));
        next.add(HealthRow.of("JVM garbage collection", Formats.count(h.getGcCount()) + " collections, "
                + String.format(Locale.US, "%.1f s", h.getGcTimeMs() / 1000.0) + " in total"));
        // the machine and the summaries of the two tables come first, after the engine's status and uptime
        List<HealthRow> top = new ArrayList<>();
        top.add(hostCpu(h));
        top.add(hostMemory(h));
        top.add(disk(h));

        List<FeedRow> feedRows = new ArrayList<>();
        for (FeedHealth f : h.getFeedsList()) {
            feedRows.add(feedRow(f, h.getUptimeSeconds()));
        }
        long staleFeeds = feedRows.stream().filter(FeedRow::stale).count();
        top.add(new HealthRow("Market feeds", feedRows.isEmpty() ? "none reported"
                : feedRows.size() + (feedRows.size() == 1 ? " feed, " : " feeds, ") + (staleFeeds == 0 ? "none stale" : staleFeeds + " stale"),
                staleFeeds > 0));
        List<EndpointRow> endpointRows = new ArrayList<>();
        long recentErrors = 0;
        long window = 0;
        for (ExchangeEndpointHealth e : h.getEndpointsList()) {
            endpointRows.add(endpointRow(e));
            recentErrors += e.getWindowErrors();
            window = Math.max(window, e.getWindowSeconds());
        }
        top.add(new HealthRow("Exchange APIs", endpointRows.isEmpty() ? "no exchange called"
                : endpointRows.size() + (endpointRows.size() == 1 ? " endpoint, " : " endpoints, ") + Formats.count(recentErrors)
                        + (recentErrors == 1 ? " error" : " errors") + " in the last " + Formats.duration(Duration.ofSeconds(window)),
                recentErrors > 0));
        next.addAll(next.indexOf(next.stream().filter(r -> r.name().equals("Uptime")).findFirst().orElseThrow()) + 1, top);
        rows.setAll(next);
        feeds.setAll(feedRows);
        endpoints.setAll(endpointRows);
        feedsNote.set("the engine reports no market feed");
        endpointsNote.set("no exchange called yet (a simulated or replayed market calls none)");
    }

    /** An engine that reports host figures reports feeds and endpoints too (they came in together). */
    private static boolean reportsHost(EngineHealth h) {
        return h.getMemoryTotalBytes() != 0 || h.getDiskTotalBytes() != 0 || h.getAvailableProcessors() != 0;
    }

    private static HealthRow hostCpu(EngineHealth h) {
        String load = h.getSystemLoadAverage() < 0 ? "" : String.format(Locale.US, ", load average %.2f", h.getSystemLoadAverage());
        String cpus = h.getAvailableProcessors() + (h.getAvailableProcessors() == 1 ? " CPU" : " CPUs");
        if (h.getSystemCpuLoad() < 0) {
            return HealthRow.of("Host CPU", "not measurable on the engine's JVM (" + cpus + load + ")");
        }
        return HealthRow.of("Host CPU", String.format(Locale.US, "%.1f%% of %s%s", h.getSystemCpuLoad() * 100, cpus, load));
    }

    private static HealthRow hostMemory(EngineHealth h) {
        long total = h.getMemoryTotalBytes();
        long available = h.getMemoryAvailableBytes();
        if (total <= 0 || available < 0) {
            return HealthRow.of("Host memory", "not measurable on the engine's machine");
        }
        long used = Math.max(0, total - available);
        double availableShare = (double) available / total;
        return new HealthRow("Host memory", Formats.bytes(used) + " used of " + Formats.bytes(total)
                + String.format(Locale.US, " (%.1f%%), %s available", used * 100.0 / total, Formats.bytes(available)),
                availableShare < MEMORY_AVAILABLE_WARNING);
    }

    private static HealthRow disk(EngineHealth h) {
        long total = h.getDiskTotalBytes();
        long free = h.getDiskFreeBytes();
        if (total <= 0 || free < 0) {
            return HealthRow.of("Disk (data directory)", "not measurable (data directory unreadable?)");
        }
        double freeShare = (double) free / total;
        return new HealthRow("Disk (data directory)", Formats.bytes(free) + " free of " + Formats.bytes(total)
                + String.format(Locale.US, " (%.1f%% free)", freeShare * 100), freeShare < DISK_FREE_WARNING);
    }

    /** Stale when quiet longer than twice its interval plus the margin; before the first candle, once the engine has run that long. */
    static boolean stale(long ageMs, long expectedIntervalMs, long uptimeSeconds) {
        long limit = 2 * Math.max(0, expectedIntervalMs) + STALE_MARGIN_MS;
        return ageMs < 0 ? uptimeSeconds * 1000 > limit : ageMs > limit;
    }

    private FeedRow feedRow(FeedHealth f, long uptimeSeconds) {
        boolean stale = stale(f.getAgeMs(), f.getExpectedIntervalMs(), uptimeSeconds);
        String last = f.hasLastCandleClose() ? Formats.dateTime(f.getLastCandleClose(), zone) : Formats.MISSING;
        if (f.getAgeMs() < 0) {
            return new FeedRow(f.getName(), last, "none yet", stale ? "STALE" : "waiting", stale);
        }
        return new FeedRow(f.getName(), last, age(f.getAgeMs()), stale ? "STALE" : "ok", stale);
    }

    /** "0.3 s", "42.0 s", "3m 05s". */
    static String age(long ms) {
        return ms < 60_000 ? String.format(Locale.US, "%.1f s", ms / 1000.0) : Formats.duration(Duration.ofMillis(ms));
    }

    private EndpointRow endpointRow(ExchangeEndpointHealth e) {
        String errors = Formats.count(e.getErrors()) + (e.getWindowErrors() > 0
                ? " (" + Formats.count(e.getWindowErrors()) + " in the last " + Formats.duration(Duration.ofSeconds(e.getWindowSeconds())) + ")" : "");
        String lastError = e.getLastError().isEmpty() ? "—"
                : e.getLastError() + (e.hasLastErrorTime() ? " (at " + Formats.time(e.getLastErrorTime(), zone) + ")" : "");
        boolean latency = e.getWindowCalls() > 0;
        return new EndpointRow(e.getName(), Formats.count(e.getCalls()), errors, lastError,
                latency ? latency(e.getLatencyP50Ms()) : "—", latency ? latency(e.getLatencyP99Ms()) : "—", e.getWindowErrors() > 0);
    }

    /** "0.84 ms", "12.3 ms", "1,250 ms". */
    static String latency(double ms) {
        if (ms < 10) {
            return String.format(Locale.US, "%.2f ms", ms);
        }
        return ms < 1000 ? String.format(Locale.US, "%.1f ms", ms) : String.format(Locale.US, "%,.0f ms", ms);
    }

    /** "Engine OK", "Engine DEGRADED: no market data for 75 s". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ObservableList<HealthRow> rows() {
        return rowsView;
    }

    /** One row per market feed the engine reports. */
    public ObservableList<FeedRow> feeds() {
        return feedsView;
    }

    /** One row per exchange endpoint the engine has called. */
    public ObservableList<EndpointRow> endpoints() {
        return endpointsView;
    }

    /** What the feeds table says while empty. */
    public ReadOnlyStringProperty feedsNoteProperty() {
        return feedsNote.getReadOnlyProperty();
    }

    /** What the endpoints table says while empty. */
    public ReadOnlyStringProperty endpointsNoteProperty() {
        return endpointsNote.getReadOnlyProperty();
    }

    /** The row called {@code name}, if shown. */
    public java.util.Optional<HealthRow> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
