package io.tradingbots.desktop.connection;

/**
 * What the connection screen remembers between runs. {@code token} is kept only when the user
 * typed one (instead of naming the token file), and is never part of {@link #toString()}.
 */
public record ConnectionSettings(String host, String tokenFile, String token) {

    public static final ConnectionSettings EMPTY = new ConnectionSettings("", "", "");

    public ConnectionSettings {
        host = host == null ? "" : host.strip();
        tokenFile = tokenFile == null ? "" : tokenFile.strip();
        token = token == null ? "" : token.strip();
    }

    @Override
    public String toString() {
        return "ConnectionSettings[host=" + host + ", tokenFile=" + tokenFile + ", token=" + (token.isEmpty() ? "" : "****") + "]";
    }
}
