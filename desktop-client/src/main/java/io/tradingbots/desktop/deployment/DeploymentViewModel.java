package io.tradingbots.desktop.deployment;

import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.RollbackResponse;
import io.tradingbots.desktop.engine.DeploymentSource;
import io.tradingbots.desktop.engine.EngineException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Deployment view's state: the engine's version, installed releases and deployment history,
 * and a rollback that is only sent after an explicit confirmation. The confirmation is state here
 * ({@link #pendingConfirmationProperty()}, {@link #confirm()}, {@link #cancel()}); the controller
 * only shows it. Engine calls run on {@code background}, their results are set on {@code ui}.
 */
public final class DeploymentViewModel {

    /** How long after an accepted rollback the view asks the engine again. */
    public static final Duration REFRESH_AFTER_ROLLBACK = Duration.ofSeconds(4);

    /** The header's sentence for an engine started by hand. */
    public static final String UNMANAGED = "This engine was not started by the release supervisor, so rollback is unavailable.";

    /** Runs an action later, off the UI thread; the app uses a scheduler, tests record the delay. */
    public interface Later {
        void after(Duration delay, Runnable action);
    }

    private final DeploymentSource source;
    private final Executor background;
    private final Executor ui;
    private final Later later;
    private final String requestedBy;
    private final ObservableList<ReleaseRow> releases = FXCollections.observableArrayList();
    private final ObservableList<DeploymentEventRow> history = FXCollections.observableArrayList();
    private final ObservableList<ReleaseRow> releasesView = FXCollections.unmodifiableObservableList(releases);
    private final ObservableList<DeploymentEventRow> historyView = FXCollections.unmodifiableObservableList(history);
    private final ReadOnlyStringWrapper runningVersion = new ReadOnlyStringWrapper(this, "runningVersion", "");
    private final ReadOnlyStringWrapper currentVersion = new ReadOnlyStringWrapper(this, "currentVersion", "");
    private final ReadOnlyStringWrapper supervision = new ReadOnlyStringWrapper(this, "supervision", "");
    private final ReadOnlyBooleanWrapper managed = new ReadOnlyBooleanWrapper(this, "managed", false);
    private final ObjectProperty<ReleaseRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanBinding rollbackAllowed;
    private final ReadOnlyStringWrapper pendingConfirmation = new ReadOnlyStringWrapper(this, "pendingConfirmation", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private String pendingVersion;

    public DeploymentViewModel(DeploymentSource source, String requestedBy, Executor background, Executor ui,
                               Later later) {
        this.source = source;
        this.requestedBy = requestedBy;
        this.background = background;
        this.ui = ui;
        this.later = later;
        this.rollbackAllowed = Bindings.createBooleanBinding(
                () -> managed.get() && selected.get() != null && !selected.get().current(), managed, selected);
    }

    /** "alice@laptop (desktop)": who the history will say asked for a rollback. */
    public static String localUser() {
        String host = System.getenv().getOrDefault("HOSTNAME", System.getenv("COMPUTERNAME"));
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
        }
        return System.getProperty("user.name") + "@" + host + " (desktop)";
    }

    /** Asks the engine for its releases and history again; a failure shows in {@link #messageProperty()}. */
    public void refresh() {
        background.execute(() -> {
            try {
                GetDeploymentResponse d = source.deployment();
                List<ReleaseRow> releaseRows = d.getReleasesList().stream().map(ReleaseRow::of).toList();
                List<DeploymentEventRow> eventRows = d.getHistoryList().stream().map(DeploymentEventRow::of).toList();
                ui.execute(() -> show(d, releaseRows, eventRows));
            } catch (EngineException e) {
                ui.execute(() -> message.set(e.getMessage()));
            }
        });
    }

    private void show(GetDeploymentResponse d, List<ReleaseRow> releaseRows, List<DeploymentEventRow> eventRows) {
        runningVersion.set(d.getRunningVersion());
        currentVersion.set(d.getCurrentVersion().isEmpty() ? d.getRunningVersion() : d.getCurrentVersion());
        managed.set(d.getManaged());
        supervision.set(d.getManaged() ? "Managed by the release supervisor in " + d.getRoot() + "." : UNMANAGED);
        String keep = selected.get() == null ? null : selected.get().version();
        releases.setAll(releaseRows);
        history.setAll(eventRows);
        selected.set(releaseRows.stream().filter(r -> r.version().equals(keep)).findFirst().orElse(null));
    }

    /** Asks for confirmation of a rollback to the selected release; nothing is sent yet. */
    public void requestRollback() {
        if (!rollbackAllowed.get()) {
            return;
        }
        String target = selected.get().version();
        String from = currentVersion.get();
        pendingVersion = target;
        pendingConfirmation.set("The engine stops, version " + target + " replaces " + from
                + ", the database stays as it is, and if " + target + " is not healthy within the deadline the"
                + " supervisor brings " + from + " back. Bots are offline for a few seconds.");
    }

    /** The user said yes: sends Rollback for the version shown in the confirmation. */
    public void confirm() {
        String version = pendingVersion;
        clearPending();
        if (version == null) {
            return;
        }
        background.execute(() -> {
            try {
                RollbackResponse r = source.rollback(version, requestedBy);
                ui.execute(() -> message.set("Rollback " + r.getFromVersion() + " → " + r.getToVersion()
                        + " requested (request " + r.getRequestId() + "). The engine restarts now."));
                later.after(REFRESH_AFTER_ROLLBACK, this::refresh);
            } catch (EngineException e) {
                ui.execute(() -> message.set("Rollback refused: " + e.getMessage()));
            }
        });
    }

    /** The user said no: nothing is sent. */
    public void cancel() {
        clearPending();
    }

    private void clearPending() {
        pendingVersion = null;
        pendingConfirmation.set("");
    }

    public ObservableList<ReleaseRow> releases() {
        return releasesView;
    }

    /** Deployments and rollbacks, newest first. */
    public ObservableList<DeploymentEventRow> history() {
        return historyView;
    }

    public ReadOnlyStringProperty runningVersionProperty() {
        return runningVersion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currentVersionProperty() {
        return currentVersion.getReadOnlyProperty();
    }

    /** Whether the supervisor runs this engine, in a sentence for the header. */
    public ReadOnlyStringProperty supervisionProperty() {
        return supervision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty managedProperty() {
        return managed.getReadOnlyProperty();
    }

    /** The release chosen in the table; the controller binds the table's selection to it. */
    public ObjectProperty<ReleaseRow> selectedProperty() {
        return selected;
    }

    /** True for a managed engine with a release other than the current one selected. */
    public BooleanBinding rollbackAllowedBinding() {
        return rollbackAllowed;
    }

    /** The confirmation text while a rollback waits for yes or no; empty otherwise. */
    public ReadOnlyStringProperty pendingConfirmationProperty() {
        return pendingConfirmation.getReadOnlyProperty();
    }

    /** The last refusal or failure in the engine's words, or the accepted request's id. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
