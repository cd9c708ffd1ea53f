package io.tradingbots.desktop.engine;

/** Where the client's live link to the engine stands; {@code reason} says why it is not connected. */
public record ConnectionStatus(State state, String reason) {

    public enum State { CONNECTING, CONNECTED, RECONNECTING, DISCONNECTED }

    public static final ConnectionStatus CONNECTING = new ConnectionStatus(State.CONNECTING, "");
    public static final ConnectionStatus CONNECTED = new ConnectionStatus(State.CONNECTED, "");
    public static final ConnectionStatus DISCONNECTED = new ConnectionStatus(State.DISCONNECTED, "");

    public ConnectionStatus {
        reason = reason == null ? "" : reason;
    }

    public static ConnectionStatus reconnecting(String reason) {
        return new ConnectionStatus(State.RECONNECTING, reason);
    }

    /** "connected", "reconnecting: no engine at ... (next try in 2s)". */
    public String text() {
        String word = state.name().toLowerCase(java.util.Locale.ROOT);
        return reason.isEmpty() ? word : word + ": " + reason;
    }
}
