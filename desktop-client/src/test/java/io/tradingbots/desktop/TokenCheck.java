package io.tradingbots.desktop;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;

/** What the engine does with every call: UNAUTHENTICATED unless the bearer token matches. */
public final class TokenCheck implements ServerInterceptor {

    private final ApiToken token;

    public TokenCheck(ApiToken token) {
        this.token = token;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String header = headers.get(BearerAuth.AUTHORIZATION);
        if (header == null || !header.startsWith(BearerAuth.PREFIX)
                || !token.matches(header.substring(BearerAuth.PREFIX.length()))) {
            call.close(Status.UNAUTHENTICATED.withDescription("bad token"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }
}
