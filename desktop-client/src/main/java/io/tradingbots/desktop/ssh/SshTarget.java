package io.tradingbots.desktop.ssh;

import java.util.Locale;

/** Where to log in: {@code user@host[:port]}, port 22 unless given. */
public record SshTarget(String user, String host, int port) {

    public static final int DEFAULT_PORT = 22;

    public SshTarget {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the SSH login needs a user name: user@host[:port]");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the SSH login needs a host: user@host[:port]");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port " + port + " is outside 1-65535");
        }
    }

    /** Parses {@code user@host}, {@code user@host:port} or {@code user@[::1]:port}. */
    public static SshTarget parse(String text) {
        String s = text == null ? "" : text.strip();
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw new IllegalArgumentException("'" + s + "' is not user@host[:port]");
        }
        String user = s.substring(0, at);
        String rest = s.substring(at + 1);
        String host = rest;
        int port = DEFAULT_PORT;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in '" + s + "'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                port = port(after.substring(1), s);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("'" + s + "' is not user@host[:port]");
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = port(rest.substring(rest.indexOf(':') + 1), s);
        }
        return new SshTarget(user, host.toLowerCase(Locale.ROOT), port);
    }

    private static int port(String text, String whole) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SSH port '" + text + "' in '" + whole + "' is not a number");
        }
    }

    /** The host as known_hosts names it: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return user + "@" + h + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
