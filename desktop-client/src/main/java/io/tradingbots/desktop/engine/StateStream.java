package io.tradingbots.desktop.engine;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WatchState subscription that survives broken streams: after a failure it waits (with
 * {@link Backoff}) and opens a new stream, whose first message is a fresh snapshot.
 */
final class StateStream implements StateSource.Subscription {

    private static final Logger log = LoggerFactory.getLogger(StateStream.class);

    private final EngineServiceGrpc.EngineServiceStub stub;
    private final String target;
    private final StateListener listener;
    private final Reconnects reconnects;

    private boolean closed;
    private ClientCallStreamObserver<WatchStateRequest> call;
    /** Whether a stream has delivered before: the next one to deliver is a reconnect. */
    private volatile boolean reconnected;

    StateStream(EngineServiceGrpc.EngineServiceStub stub, Runnable wakeChannel, String target, StateListener listener,
                ScheduledExecutorService scheduler, Backoff backoff) {
        this.stub = stub;
        this.target = target;
        this.listener = listener;
        this.reconnects = new Reconnects(wakeChannel, scheduler, backoff);
    }

    void start() {
        listener.onStatus(ConnectionStatus.CONNECTING);
        open();
    }

    private void open() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        stub.watchState(WatchStateRequest.getDefaultInstance(), new Observer());
    }

    private void retry(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Duration delay = reconnects.nextDelay();
        log.info("state stream from {} broke ({}); reconnecting in {} ms", target, reason, delay.toMillis());
        listener.onStatus(ConnectionStatus.reconnecting(reason + " (next try in " + Reconnects.describe(delay) + ")"));
        reconnects.reopenAfter(delay, this::open);
    }

    private void refreshInfo() {
        stub.withDeadlineAfter(EngineClient.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getInfo(GetInfoRequest.getDefaultInstance(), new StreamObserver<>() {
                    @Override
                    public void onNext(GetInfoResponse info) {
                        listener.onInfo(info);
                    }

                    @Override
                    public void onError(Throwable t) {
                        log.warn("could not refresh the engine info from {}: {}", target, EngineErrors.describe(t, target));
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
    }

    @Override
    public void close() {
        ClientCallStreamObserver<WatchStateRequest> current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = call;
        }
        if (current != null) {
            current.cancel("the client stopped watching", null);
        }
        listener.onStatus(ConnectionStatus.DISCONNECTED);
    }

    private final class Observer implements ClientResponseObserver<WatchStateRequest, WatchStateResponse> {

        private boolean receivedAny;

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchStateRequest> requestStream) {
            boolean cancel;
            synchronized (StateStream.this) {
                call = requestStream;
                cancel = closed;
            }
            if (cancel) {
                requestStream.cancel("the client stopped watching", null);
            }
        }

        @Override
        public void onNext(WatchStateResponse message) {
            synchronized (StateStream.this) {
                if (closed) {
                    return;
                }
            }
            if (!receivedAny) {
                receivedAny = true;
                reconnects.succeeded();
                log.info("watching the state of {} ({} bots, {} prices)", target, message.getBotsCount(), message.getPricesCount());
                listener.onStatus(ConnectionStatus.CONNECTED);
                if (reconnected) {
                    refreshInfo();
                }
                reconnected = true;
            }
            listener.onState(message);
        }

        @Override
        public void onError(Throwable t) {
            retry(EngineErrors.describe(t, target));
        }

        @Override
        public void onCompleted() {
            retry("the engine ended the state stream");
        }
    }
}
