package io.tradingbots.shared;

/**
 * A "host:port" pair as typed by a user ({@code 127.0.0.1:50051}, {@code localhost:50051},
 * {@code [::1]:50051}). Parsing rejects anything else with a message that says what was expected.
 */
public record HostPort(String host, int port) {

    public static final int DEFAULT_PORT = 50051;

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /** Parses "host:port", "[v6]:port" or a bare host (which gets {@link #DEFAULT_PORT}). */
    public static HostPort parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected host:port (for example 127.0.0.1:50051), got nothing");
        }
        String t = text.trim();
        String host;
        String portText = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("expected [ipv6]:port, got '" + t + "'");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected [ipv6]:port, got '" + t + "'");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon >= 0 && t.indexOf(':') != colon) {
                throw new IllegalArgumentException("write IPv6 addresses as [addr]:port, got '" + t + "'");
            }
            host = colon < 0 ? t : t.substring(0, colon);
            portText = colon < 0 ? null : t.substring(colon + 1);
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port '" + portText + "' in '" + t + "' is not a number");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("expected host:port (for example 127.0.0.1:50051), got '" + t + "'");
        }
        return new HostPort(host, port);
    }

    /** The form gRPC's target resolver and users both understand. */
    public String target() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return target();
    }
}
