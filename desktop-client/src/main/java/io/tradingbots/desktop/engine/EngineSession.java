package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.HostPort;
import java.util.Optional;

/**
 * A client that has passed the handshake, with what the engine said about itself, and the SSH
 * tunnel it runs through when there is one (closed with the session).
 */
public record EngineSession(EngineClient client, GetInfoResponse info, Optional<Transport> transport)
        implements AutoCloseable {

    /** What carries the connection besides a plain socket: an SSH tunnel. */
    public interface Transport extends AutoCloseable {
        /** "ssh deploy@droplet:22", for the status bar. */
        String describe();

        /** Tells {@code listener} of "up", "reconnecting: …" and "closed" from now on. */
        void watch(java.util.function.Consumer<String> listener);

        @Override
        void close();
    }

    public EngineSession(EngineClient client, GetInfoResponse info) {
        this(client, info, Optional.empty());
    }

    /** Opens a channel and shakes hands; the channel is closed again when that fails. */
    public static EngineSession open(HostPort target, ApiToken token) throws EngineException {
        return open(target, token, null);
    }

    /** As {@link #open(HostPort, ApiToken)}, through {@code transport} (closed too when the handshake fails). */
    public static EngineSession open(HostPort target, ApiToken token, Transport transport) throws EngineException {
        EngineClient client = transport == null
                ? EngineClient.open(target, token) : EngineClient.open(target, token, transport.describe());
        try {
            return new EngineSession(client, client.handshake(), Optional.ofNullable(transport));
        } catch (EngineException | RuntimeException e) {
            client.close();
            if (transport != null) {
                transport.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
        transport.ifPresent(Transport::close);
    }
}
