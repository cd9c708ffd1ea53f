package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.HostPort;

/** A client that has passed the handshake, with what the engine said about itself. */
public record EngineSession(EngineClient client, GetInfoResponse info) implements AutoCloseable {

    /** Opens a channel and shakes hands; the channel is closed again when that fails. */
    public static EngineSession open(HostPort target, ApiToken token) throws EngineException {
        EngineClient client = EngineClient.open(target, token);
        try {
            return new EngineSession(client, client.handshake());
        } catch (EngineException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
