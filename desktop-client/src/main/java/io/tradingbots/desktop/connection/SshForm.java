package io.tradingbots.desktop.connection;

import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.ssh.AgentSocket;
import io.tradingbots.desktop.ssh.SshTarget;
import io.tradingbots.shared.ApiToken;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The SSH half of the connection screen: login, key, passphrase (never stored), engine port and data directory. */
public final class SshForm {

    /** Typed as the key file: log in with the keys of the running ssh-agent ({@code SSH_AUTH_SOCK}). */
    public static final String AGENT = "ssh-agent";

    private final StringProperty login = new SimpleStringProperty(this, "login", "");
    private final StringProperty keyFile = new SimpleStringProperty(this, "keyFile", ConnectionProfile.DEFAULT_KEY_FILE);
    private final StringProperty passphrase = new SimpleStringProperty(this, "passphrase", "");
    private final StringProperty remotePort =
            new SimpleStringProperty(this, "remotePort", Integer.toString(ConnectionProfile.DEFAULT_REMOTE_PORT));
    /** Where the running ssh-agent listens; the environment's SSH_AUTH_SOCK, or a test's. */
    private Supplier<Optional<Path>> agentSocket = AgentSocket::fromEnvironment;
    private final StringProperty remoteDataDir =
            new SimpleStringProperty(this, "remoteDataDir", ConnectionProfile.DEFAULT_REMOTE_DATA_DIR);

    /** Checks the fields; a typed token (if any) goes with the request instead of reading the server's file. */
    SshEngineConnector.Request request(String typedToken) throws EngineException {
        SshTarget target;
        try {
            target = SshTarget.parse(login.get());
        } catch (IllegalArgumentException e) {
            throw new EngineException("bad SSH login: " + e.getMessage() + " (e.g. deploy@203.0.113.5 or deploy@droplet:2222)");
        }
        String key = text(keyFile);
        if (key.isEmpty()) {
            throw new EngineException("choose the private key file you log in with (e.g. ~/.ssh/id_ed25519), or "
                    + AGENT + " for the keys of the running ssh-agent");
        }
        Optional<Path> agent = Optional.empty();
        if (key.equals(AGENT)) {
            agent = Optional.of(agentSocket.get().orElseThrow(() -> new EngineException("no ssh-agent: SSH_AUTH_SOCK is not"
                    + " set for this app; start one (eval $(ssh-agent)), ssh-add your key and start the app from that"
                    + " shell, or choose a key file")));
        }
        int port;
        try {
            port = Integer.parseInt(text(remotePort));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new EngineException("the engine port on the server must be a number from 1 to 65535 (default 50051)");
        }
        String dir = text(remoteDataDir).isEmpty() ? ConnectionProfile.DEFAULT_REMOTE_DATA_DIR : text(remoteDataDir);
        Optional<ApiToken> token;
        try {
            token = typedToken.isEmpty() ? Optional.empty() : Optional.of(ApiToken.of(typedToken));
        } catch (IllegalArgumentException e) {
            throw new EngineException("bad API token: " + e.getMessage());
        }
        if (agent.isPresent()) {
            return new SshEngineConnector.Request(target, null, "", port, dir, token, agent);
        }
        return new SshEngineConnector.Request(target, localPath(key), passphrase.get() == null ? "" : passphrase.get(),
                port, dir, token);
    }

    void useAgentSocket(Supplier<Optional<Path>> where) {
        this.agentSocket = where;
    }

    /** "~/" at the start means the home directory. */
    static Path localPath(String text) throws EngineException {
        try {
            return text.startsWith("~/") ? Path.of(System.getProperty("user.home"), text.substring(2)) : Path.of(text);
        } catch (InvalidPathException e) {
            throw new EngineException("bad path '" + text + "': " + e.getMessage());
        }
    }

    void load(ConnectionProfile profile) {
        login.set(profile.sshLogin());
        keyFile.set(profile.keyFile().isEmpty() ? ConnectionProfile.DEFAULT_KEY_FILE : profile.keyFile());
        passphrase.set("");
        remotePort.set(Integer.toString(profile.remotePort()));
        remoteDataDir.set(profile.remoteDataDir());
    }

    private static String text(StringProperty property) {
        return property.get() == null ? "" : property.get().strip();
    }

    public StringProperty loginProperty() {
        return login;
    }

    public StringProperty keyFileProperty() {
        return keyFile;
    }

    public StringProperty passphraseProperty() {
        return passphrase;
    }

    public StringProperty remotePortProperty() {
        return remotePort;
    }

    public StringProperty remoteDataDirProperty() {
        return remoteDataDir;
    }
}
