package io.tradingbots.desktop.connection;

import java.util.Locale;

/**
 * A named way to reach an engine: directly ({@link Kind#LOCAL}: host:port and a token or token
 * file) or through SSH ({@link Kind#SSH}: user@host:port, a private key, the engine's port and
 * data directory on the server). A passphrase is never part of a profile; {@code token} is kept
 * only when the user asked to remember it, and never shows in {@link #toString()}.
 */
public record ConnectionProfile(String name, Kind kind, String host, String tokenFile, String token,
                                String sshLogin, String keyFile, int remotePort, String remoteDataDir) {

    public enum Kind {
        LOCAL("Local engine"), SSH("SSH");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public static Kind parse(String text) {
            return text != null && text.strip().equalsIgnoreCase("ssh") ? SSH : LOCAL;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final int DEFAULT_REMOTE_PORT = 50051;
    public static final String DEFAULT_REMOTE_DATA_DIR = "~/.tradingbots";
    public static final String DEFAULT_KEY_FILE = "~/.ssh/id_ed25519";

    public ConnectionProfile {
        name = clean(name);
        kind = kind == null ? Kind.LOCAL : kind;
        host = clean(host);
        tokenFile = clean(tokenFile);
        token = clean(token);
        sshLogin = clean(sshLogin);
        keyFile = clean(keyFile);
        remotePort = remotePort <= 0 ? DEFAULT_REMOTE_PORT : remotePort;
        remoteDataDir = clean(remoteDataDir).isEmpty() ? DEFAULT_REMOTE_DATA_DIR : clean(remoteDataDir);
    }

    public static ConnectionProfile local(String name, String host, String tokenFile, String token) {
        return new ConnectionProfile(name, Kind.LOCAL, host, tokenFile, token, "", "", 0, "");
    }

    public ConnectionProfile withToken(String newToken) {
        return new ConnectionProfile(name, kind, host, tokenFile, newToken, sshLogin, keyFile, remotePort, remoteDataDir);
    }

    /** A file name for the profile: letters, digits, '-', '_' and '.', the rest as '_'. */
    public String fileStem() {
        String stem = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        return stem.isEmpty() || stem.startsWith(".") ? "_" + stem : stem;
    }

    private static String clean(String text) {
        return text == null ? "" : text.strip();
    }

    @Override
    public String toString() {
        return "ConnectionProfile[name=" + name + ", kind=" + kind.name() + ", host=" + host + ", tokenFile=" + tokenFile
                + ", token=" + (token.isEmpty() ? "" : "****") + ", sshLogin=" + sshLogin + ", keyFile=" + keyFile
                + ", remotePort=" + remotePort + ", remoteDataDir=" + remoteDataDir + "]";
    }
}
