package io.tradingbots.engine.api;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call through only with {@code authorization: Bearer <token>}. Installed on the engine's own
 * services only: health and reflection stay open so probes and grpcurl's listing work.
 */
public final class AuthInterceptor implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);

    private final ApiToken token;

    public AuthInterceptor(ApiToken token) {
        this.token = token;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String header = headers.get(BearerAuth.AUTHORIZATION);
        String problem = null;
        if (header == null) {
            problem = "missing 'authorization: Bearer <token>' header (the token is in the engine's data directory, file api-token)";
        } else if (!header.startsWith(BearerAuth.PREFIX) || !token.matches(header.substring(BearerAuth.PREFIX.length()).strip())) {
            problem = "invalid API token: copy it again from the engine's data directory (file api-token)";
        }
        if (problem != null) {
            log.warn("refused {} from {}: {}", call.getMethodDescriptor().getFullMethodName(),
                    call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_REMOTE_ADDR), header == null ? "no token" : "wrong token");
            call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
