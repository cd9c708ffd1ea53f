package io.tradingbots.engine.api;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.tradingbots.shared.ApiToken;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's gRPC server: our services behind authentication and error mapping, plus the
 * standard health service and server reflection (v1 and v1alpha), which need no token. The
 * {@link ServerBuilder} comes from outside, so tests can serve in-process or on port 0.
 */
public final class ApiServer implements AutoCloseable {

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final List<String> serviceNames;

    @SuppressWarnings("deprecation") // v1alpha reflection: older grpcurl builds still ask for it
    public ApiServer(ServerBuilder<?> builder, ApiToken token, List<BindableService> services) {
        AuthInterceptor auth = new AuthInterceptor(token);
        ErrorMapping errors = new ErrorMapping();
        for (BindableService s : services) {
            // Interceptors run last-added first: authentication before anything else.
            builder.addService(ServerInterceptors.intercept(s, errors, auth));
        }
        this.serviceNames = services.stream().map(s -> s.bindService().getServiceDescriptor().getName()).toList();
        builder.addService(health.getHealthService());
        builder.addService(ProtoReflectionServiceV1.newInstance());
        builder.addService(ProtoReflectionService.newInstance());
        this.server = builder.build();
        health.setStatus("", ServingStatus.NOT_SERVING);
    }

    public ApiServer start() throws IOException {
        server.start();
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** Health turns SERVING (overall and per service) once the engine is ready. */
    public void markServing() {
        health.setStatus("", ServingStatus.SERVING);
        serviceNames.forEach(n -> health.setStatus(n, ServingStatus.SERVING));
    }

    @Override
    public void close() {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
