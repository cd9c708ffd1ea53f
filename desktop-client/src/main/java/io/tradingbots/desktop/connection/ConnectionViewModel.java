package io.tradingbots.desktop.connection;

import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.desktop.ssh.KnownHosts;
import io.tradingbots.desktop.ssh.SshFailure;
import io.tradingbots.desktop.ssh.SshTarget;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.HostPort;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and logic of the connection screen: checks what was typed, connects on a background
 * executor, and either hands the session on or says what went wrong. A typed token wins over
 * the token file (or, over SSH, over the server's api-token file). An unknown SSH host key is put
 * to the user ({@link #hostKeyPromptProperty()}) before anything is written to known_hosts.
 */
public final class ConnectionViewModel {

    private static final Logger log = LoggerFactory.getLogger(ConnectionViewModel.class);
    static final String DEFAULT_HOST = "127.0.0.1:" + HostPort.DEFAULT_PORT;

    /** Opens a session; {@link EngineSession#open} in the application, a fake in tests. */
    @FunctionalInterface
    public interface Connector {
        EngineSession connect(HostPort target, ApiToken token) throws EngineException;
    }

    private final StringProperty host = new SimpleStringProperty(this, "host", "");
    private final StringProperty token = new SimpleStringProperty(this, "token", "");
    private final StringProperty tokenFile = new SimpleStringProperty(this, "tokenFile", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ObjectProperty<ConnectionProfile.Kind> kind =
            new SimpleObjectProperty<>(this, "kind", ConnectionProfile.Kind.LOCAL);
    private final BooleanProperty rememberToken = new SimpleBooleanProperty(this, "rememberToken", false);
    private final StringProperty profileName = new SimpleStringProperty(this, "profileName", "");
    private final ObservableList<String> profileNames = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper hostKeyPrompt = new ReadOnlyStringWrapper(this, "hostKeyPrompt", "");
    private final SshForm ssh = new SshForm();
    private SshTarget pendingTarget;
    private PublicKey pendingKey;

    private final ConnectionSettingsStore store;
    private final Connector connector;
    private final Executor background;
    private final Executor ui;
    private final Consumer<EngineSession> onConnected;
    private final ProfileStore profiles;
    private final SshEngineConnector.Opener sshOpener;
    private final KnownHosts knownHosts;

    /** Local engines only (SSH attempts fail): what the first tests need. */
    public ConnectionViewModel(ConnectionSettingsStore store, Connector connector, Executor background, Executor ui,
                               Consumer<EngineSession> onConnected) {
        this(store, profilesBeside(store), connector, request -> {
            throw new EngineException("SSH is not set up in this build");
        }, KnownHosts.userDefault(), background, ui, onConnected);
    }

    public ConnectionViewModel(ConnectionSettingsStore store, ProfileStore profiles, Connector connector,
                               SshEngineConnector.Opener sshOpener, KnownHosts knownHosts, Executor background,
                               Executor ui, Consumer<EngineSession> onConnected) {
        this.store = store;
        this.profiles = profiles;
        this.sshOpener = sshOpener;
        this.knownHosts = knownHosts;
        this.connector = connector;
        this.background = background;
        this.ui = ui;
        this.onConnected = onConnected;
        ConnectionSettings saved = store.load();
        host.set(saved.host().isEmpty() ? DEFAULT_HOST : saved.host());
        tokenFile.set(saved.tokenFile().isEmpty()
                ? ApiToken.defaultDataDir().resolve(ApiToken.FILE_NAME).toString() : saved.tokenFile());
        token.set(saved.token());
        rememberToken.set(!saved.token().isEmpty());
        refreshProfiles();
    }

    /** {@code profiles/} next to the settings file, so {@code --config} moves both. */
    public static ProfileStore profilesBeside(ConnectionSettingsStore store) {
        return new ProfileStore(store.file().toAbsolutePath().getParent().resolve("profiles"));
    }

    /** Checks the form and, when it is complete, connects in the background. Ignored while connecting. */
    public void connect() {
        if (busy.get()) {
            return;
        }
        hostKeyPrompt.set("");
        if (kind.get() == ConnectionProfile.Kind.SSH) {
            connectThroughSsh();
            return;
        }
        HostPort target;
        ApiToken typedToken = null;
        String typed = token.get() == null ? "" : token.get().strip();
        String file = tokenFile.get() == null ? "" : tokenFile.get().strip();
        try {
            target = parseHost(host.get());
            if (!typed.isEmpty()) {
                typedToken = ApiToken.of(typed);
            } else if (file.isEmpty()) {
                throw new EngineException("enter the API token, or the path of the engine's api-token file");
            }
        } catch (EngineException | IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        ConnectionSettings settings = new ConnectionSettings(host.get(), file, rememberToken.get() ? typed : "");
        ApiToken knownToken = typedToken;
        error.set("");
        progress.set("connecting to " + target + " …");
        busy.set(true);
        background.execute(() -> {
            try {
                EngineSession session = connector.connect(target, knownToken != null ? knownToken : readToken(file));
                remember(settings);
                rememberProfile(typed);
                ui.execute(() -> {
                    finish("");
                    onConnected.accept(session);
                });
            } catch (EngineException e) {
                ui.execute(() -> finish(e.getMessage()));
            } catch (RuntimeException e) {
                log.error("unexpected failure while connecting to {}", target, e);
                ui.execute(() -> finish("unexpected error: " + e));
            }
        });
    }

    private void connectThroughSsh() {
        String typed = token.get() == null ? "" : token.get().strip();
        SshEngineConnector.Request request;
        try {
            request = ssh.request(typed);
        } catch (EngineException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        progress.set("logging in to " + request.target() + " …");
        busy.set(true);
        background.execute(() -> {
            try {
                EngineSession session = sshOpener.open(request);
                rememberProfile(typed);
                ui.execute(() -> {
                    finish("");
                    onConnected.accept(session);
                });
            } catch (SshFailure e) {
                ui.execute(() -> failed(request.target(), e));
            } catch (EngineException e) {
                ui.execute(() -> finish(e.getMessage()));
            } catch (RuntimeException e) {
                log.error("unexpected failure while connecting through SSH to {}", request.target(), e);
                ui.execute(() -> finish("unexpected error: " + e));
            }
        });
    }

    private void failed(SshTarget target, SshFailure failure) {
        if (failure.kind() == SshFailure.Kind.HOST_KEY_UNKNOWN && failure.hostKey().isPresent()) {
            pendingTarget = target;
            pendingKey = failure.hostKey().get();
            finish("");
            hostKeyPrompt.set(failure.getMessage());
            return;
        }
        finish(failure.getMessage());
    }

    /** The user compared the fingerprint and trusts it: add it to known_hosts and connect again. */
    public void acceptHostKey() {
        if (pendingKey == null) {
            return;
        }
        SshTarget target = pendingTarget;
        PublicKey key = pendingKey;
        pendingKey = null;
        hostKeyPrompt.set("");
        try {
            knownHosts.add(target, key);
        } catch (IOException e) {
            error.set("cannot add the host key to " + knownHosts.file() + ": " + e.getMessage());
            return;
        }
        connect();
    }

    public void rejectHostKey() {
        pendingKey = null;
        hostKeyPrompt.set("");
        error.set("host key not accepted: not connected");
    }

    /** Fills the form from a saved profile (the passphrase is never saved, so it stays empty). */
    public void loadProfile(String name) {
        profiles.find(name).ifPresent(p -> {
            profileName.set(p.name());
            kind.set(p.kind());
            if (p.kind() == ConnectionProfile.Kind.LOCAL) {
                host.set(p.host());
                tokenFile.set(p.tokenFile());
            }
            token.set(p.token());
            rememberToken.set(!p.token().isEmpty());
            ssh.load(p);
        });
    }

    /** Saves the form as the profile named in {@link #profileNameProperty()}; false with an error when unnamed. */
    public boolean saveProfile() {
        String typed = token.get() == null ? "" : token.get().strip();
        if (profileName.get() == null || profileName.get().isBlank()) {
            error.set("give the profile a name first");
            return false;
        }
        try {
            profiles.save(profile(typed));
            refreshProfiles();
            return true;
        } catch (IOException e) {
            error.set("cannot save the profile in " + profiles.dir() + ": " + e.getMessage());
            return false;
        }
    }

    public void deleteProfile() {
        try {
            profiles.delete(profileName.get());
            refreshProfiles();
        } catch (IOException e) {
            error.set("cannot delete the profile: " + e.getMessage());
        }
    }

    private ConnectionProfile profile(String typed) {
        int port;
        try {
            port = Integer.parseInt(ssh.remotePortProperty().get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            port = 0;
        }
        return new ConnectionProfile(profileName.get(), kind.get(), host.get(), tokenFile.get(),
                rememberToken.get() ? typed : "", ssh.loginProperty().get(), ssh.keyFileProperty().get(), port,
                ssh.remoteDataDirProperty().get());
    }

    /** After a successful connection, a named profile is updated to what worked. */
    private void rememberProfile(String typed) {
        String name = profileName.get();
        if (name == null || name.isBlank()) {
            return;
        }
        try {
            profiles.save(profile(typed));
        } catch (IOException | RuntimeException e) {
            log.warn("could not save the connection profile to {}: {}", profiles.dir(), e.toString());
        }
    }

    private void refreshProfiles() {
        profileNames.setAll(profiles.list().stream().map(ConnectionProfile::name).toList());
    }

    private void finish(String errorText) {
        busy.set(false);
        progress.set("");
        error.set(errorText);
    }

    private static HostPort parseHost(String text) throws EngineException {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EngineException("bad engine address: " + e.getMessage());
        }
    }

    /** Reads the token file; "~/" at the start means the home directory. */
    static ApiToken readToken(String pathText) throws EngineException {
        Path path;
        try {
            path = pathText.startsWith("~/")
                    ? Path.of(System.getProperty("user.home"), pathText.substring(2)) : Path.of(pathText);
        } catch (InvalidPathException e) {
            throw new EngineException("bad token file path: " + e.getMessage());
        }
        try {
            return ApiToken.read(path);
        } catch (NoSuchFileException e) {
            throw new EngineException("no API token file at " + path
                    + ": start the engine once (it creates <data-dir>/api-token), or paste the token");
        } catch (IOException e) {
            throw new EngineException("cannot read the API token file " + path + ": " + e.getMessage());
        }
    }

    private void remember(ConnectionSettings settings) {
        try {
            store.save(settings);
        } catch (IOException e) {
            log.warn("could not save the connection settings to {}: {}", store.file(), e.toString());
        }
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty tokenFileProperty() {
        return tokenFile;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObjectProperty<ConnectionProfile.Kind> kindProperty() {
        return kind;
    }

    public BooleanProperty rememberTokenProperty() {
        return rememberToken;
    }

    public StringProperty profileNameProperty() {
        return profileName;
    }

    public ObservableList<String> profileNames() {
        return profileNames;
    }

    /** Non-empty while an unknown host key waits for the user's decision: the fingerprint and what to compare. */
    public ReadOnlyStringProperty hostKeyPromptProperty() {
        return hostKeyPrompt.getReadOnlyProperty();
    }

    public SshForm ssh() {
        return ssh;
    }
}
