package io.tradingbots.desktop.engine;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server stream that is reopened after it breaks (waiting as {@link Backoff} says), for the
 * Risk and Bots views. An UNIMPLEMENTED answer is final: the engine has no such service.
 */
final class WatchStream<Q, R> implements StateSource.Subscription {

    private static final Logger log = LoggerFactory.getLogger(WatchStream.class);

    private final String what;
    private final Q request;
    private final BiConsumer<Q, StreamObserver<R>> call;
    private final String target;
    private final StreamListener<R> listener;
    private final Reconnects reconnects;
    private boolean closed;
    private ClientCallStreamObserver<Q> current;

    WatchStream(String what, Q request, BiConsumer<Q, StreamObserver<R>> call, String target, StreamListener<R> listener,
                Runnable wakeChannel, ScheduledExecutorService scheduler, Backoff backoff) {
        this.what = what;
        this.request = request;
        this.call = call;
        this.target = target;
        this.listener = listener;
        this.reconnects = new Reconnects(wakeChannel, scheduler, backoff);
    }

    WatchStream<Q, R> start() {
        open();
        return this;
    }

    private void open() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        call.accept(request, new Observer());
    }

    private void retry(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Duration delay = reconnects.nextDelay();
        log.info("{} stream from {} broke ({}); reopening in {} ms", what, target, reason, delay.toMillis());
        listener.onProblem(reason + " (next try in " + Reconnects.describe(delay) + ")");
        reconnects.reopenAfter(delay, this::open);
    }

    @Override
    public void close() {
        ClientCallStreamObserver<Q> call;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            call = current;
        }
        if (call != null) {
            call.cancel("the client stopped watching", null);
        }
    }

    private final class Observer implements ClientResponseObserver<Q, R> {

        private boolean receivedAny;

        @Override
        public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
            boolean cancel;
            synchronized (WatchStream.this) {
                current = requestStream;
                cancel = closed;
            }
            if (cancel) {
                requestStream.cancel("the client stopped watching", null);
            }
        }

        @Override
        public void onNext(R message) {
            synchronized (WatchStream.this) {
                if (closed) {
                    return;
                }
            }
            if (!receivedAny) {
                receivedAny = true;
                reconnects.succeeded();
                listener.onProblem("");
            }
            listener.onMessage(message);
        }

        @Override
        public void onError(Throwable t) {
            if (Status.fromThrowable(t).getCode() == Status.Code.UNIMPLEMENTED) {
                synchronized (WatchStream.this) {
                    if (closed) {
                        return;
                    }
                }
                listener.onUnimplemented();
                return;
            }
            retry(EngineErrors.describe(t, target));
        }

        @Override
        public void onCompleted() {
            retry("the engine ended the " + what + " stream");
        }
    }
}
