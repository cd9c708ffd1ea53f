package io.tradingbots.desktop.dashboard;

import io.tradingbots.desktop.engine.ConnectionStatus;
import io.tradingbots.desktop.engine.ConnectionStatus.State;
import java.util.Optional;

/** Which connection changes deserve a toast: losing a live link, and getting it back. */
public final class ConnectionToasts {

    private ConnectionToasts() {}

    public static Optional<String> between(ConnectionStatus before, ConnectionStatus now) {
        if (before == null || now == null) {
            return Optional.empty();
        }
        if (before.state() == State.CONNECTED && now.state() == State.RECONNECTING) {
            return Optional.of("Lost the engine; reconnecting. " + now.reason());
        }
        if (before.state() == State.RECONNECTING && now.state() == State.CONNECTED) {
            return Optional.of("Reconnected to the engine.");
        }
        return Optional.empty();
    }
}
