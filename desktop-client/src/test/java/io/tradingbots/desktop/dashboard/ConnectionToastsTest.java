package io.tradingbots.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.desktop.Theme;
import io.tradingbots.desktop.engine.ConnectionStatus;
import org.junit.jupiter.api.Test;

class ConnectionToastsTest {

    private static final ConnectionStatus LOST = ConnectionStatus.reconnecting("no engine (next try in 1s)");

    @Test
    void losingAndRegainingTheLinkAreToasted() {
        assertThat(ConnectionToasts.between(ConnectionStatus.CONNECTED, LOST))
                .contains("Lost the engine; reconnecting. no engine (next try in 1s)");
        assertThat(ConnectionToasts.between(LOST, ConnectionStatus.CONNECTED)).contains("Reconnected to the engine.");
    }

    @Test
    void theFirstConnectRetriesAndTheUsersDisconnectAreNot() {
        assertThat(ConnectionToasts.between(ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED)).isEmpty();
        assertThat(ConnectionToasts.between(LOST, ConnectionStatus.reconnecting("still nothing"))).isEmpty();
        assertThat(ConnectionToasts.between(ConnectionStatus.CONNECTED, ConnectionStatus.DISCONNECTED)).isEmpty();
    }

    @Test
    void ctrlTSwitchesBetweenTheTwoThemes() {
        assertThat(Theme.DARK.toggled()).isEqualTo(Theme.LIGHT);
        assertThat(Theme.LIGHT.toggled()).isEqualTo(Theme.DARK);
    }
}
