package io.tradingbots.shared;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.Executor;

/** Attaches {@code authorization: Bearer <token>} to every call; the engine checks it. */
public final class BearerAuth extends CallCredentials {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final String PREFIX = "Bearer ";

    private final ApiToken token;

    public BearerAuth(ApiToken token) {
        this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        try {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, PREFIX + token.reveal());
            applier.apply(headers);
        } catch (RuntimeException e) {
            applier.fail(Status.UNAUTHENTICATED.withDescription("could not attach the API token"));
        }
    }

    @Override
    public String toString() {
        return "BearerAuth[****]";
    }
}
