package io.tradingbots.desktop;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.tradingbots.desktop.engine.Backoff;
import io.tradingbots.desktop.engine.EngineClient;
import io.tradingbots.shared.ApiToken;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process server for fake engine services, behind the engine's {@link TokenCheck}, and clients for it. */
public final class InProcessEngine implements AutoCloseable {

    public static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");

    private final String name = "fake-engine-" + System.nanoTime();
    private final Server server;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

    public InProcessEngine(BindableService... services) throws IOException {
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service, new TokenCheck(TOKEN)));
        }
        server = builder.build().start();
    }

    /** A client with the right token and short reconnect delays; closed with this server at the latest. */
    public EngineClient client() {
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        channels.add(channel);
        return new EngineClient(channel, "fake:1", TOKEN, () -> new Backoff(Duration.ofMillis(20), Duration.ofMillis(80)));
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow();
    }
}
