package io.tradingbots.desktop.connection;

import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.HostPort;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and logic of the connection screen: checks what was typed, connects on a background
 * executor, and either hands the session on or says what went wrong. A typed token wins over
 * the token file.
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

    private final ConnectionSettingsStore store;
    private final Connector connector;
    private final Executor background;
    private final Executor ui;
    private final Consumer<EngineSession> onConnected;

    public ConnectionViewModel(ConnectionSettingsStore store, Connector connector, Executor background, Executor ui,
                               Consumer<EngineSession> onConnected) {
        this.store = store;
        this.connector = connector;
        this.background = background;
        this.ui = ui;
        this.onConnected = onConnected;
        ConnectionSettings saved = store.load();
        host.set(saved.host().isEmpty() ? DEFAULT_HOST : saved.host());
        tokenFile.set(saved.tokenFile().isEmpty()
                ? ApiToken.defaultDataDir().resolve(ApiToken.FILE_NAME).toString() : saved.tokenFile());
        token.set(saved.token());
    }

    /** Checks the form and, when it is complete, connects in the background. Ignored while connecting. */
    public void connect() {
        if (busy.get()) {
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
        ConnectionSettings settings = new ConnectionSettings(host.get(), file, typed);
        ApiToken knownToken = typedToken;
        error.set("");
        progress.set("connecting to " + target + " …");
        busy.set(true);
        background.execute(() -> {
            try {
                EngineSession session = connector.connect(target, knownToken != null ? knownToken : readToken(file));
                remember(settings);
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
}
