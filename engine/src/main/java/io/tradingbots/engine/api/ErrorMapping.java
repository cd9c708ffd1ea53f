package io.tradingbots.engine.api;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become gRPC statuses. Domain code throws plain Java exceptions:
 * {@link IllegalArgumentException} is the caller's mistake (INVALID_ARGUMENT),
 * {@link NoSuchElementException} names something that does not exist (NOT_FOUND),
 * {@link IllegalStateException} is an action not allowed now (FAILED_PRECONDITION),
 * {@link RejectedExecutionException} is work refused because the engine is busy (RESOURCE_EXHAUSTED),
 * {@link CancellationException} is work stopped on request (CANCELLED). Anything else is
 * INTERNAL with a generic message; its detail goes to the log only.
 */
public final class ErrorMapping implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    public static Status toStatus(Throwable e, String method) {
        if (e instanceof StatusRuntimeException sre) {
            return sre.getStatus();
        }
        if (e instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage());
        }
        if (e instanceof NoSuchElementException) {
            return Status.NOT_FOUND.withDescription(e.getMessage());
        }
        if (e instanceof IllegalStateException) {
            return Status.FAILED_PRECONDITION.withDescription(e.getMessage());
        }
        if (e instanceof RejectedExecutionException) {
            return Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage());
        }
        if (e instanceof CancellationException) {
            return Status.CANCELLED.withDescription(e.getMessage());
        }
        log.error("unexpected failure in {}", method, e);
        return Status.INTERNAL.withDescription("internal error in the engine; the engine log has the details");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        String method = call.getMethodDescriptor().getFullMethodName();
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                guard(() -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                guard(super::onHalfClose);
            }

            @Override
            public void onReady() {
                guard(super::onReady);
            }

            private void guard(Runnable r) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    call.close(toStatus(e, method), new Metadata());
                }
            }
        };
    }
}
