package io.tradingbots.desktop.engine;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tradingbots.api.v1.FetchProgress;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.api.v1.WatchFetchRequest;
import io.tradingbots.api.v1.WatchFetchResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WatchFetch subscription: follows a job until the engine reports a final state; a stream
 * that breaks or ends before that is reopened after a {@link Reconnects} wait.
 */
final class FetchStream implements StateSource.Subscription {

    private static final Logger log = LoggerFactory.getLogger(FetchStream.class);

    private final HistoryServiceGrpc.HistoryServiceStub stub;
    private final String jobId;
    private final String target;
    private final HistorySource.FetchListener listener;
    private final Reconnects reconnects;

    private boolean closed;
    private ClientCallStreamObserver<WatchFetchRequest> call;

    FetchStream(HistoryServiceGrpc.HistoryServiceStub stub, String jobId, String target,
                HistorySource.FetchListener listener, Reconnects reconnects) {
        this.stub = stub;
        this.jobId = jobId;
        this.target = target;
        this.listener = listener;
        this.reconnects = reconnects;
    }

    void start() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        stub.watchFetch(WatchFetchRequest.newBuilder().setJobId(jobId).build(), new Observer());
    }

    private void retry(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Duration delay = reconnects.nextDelay();
        log.info("progress stream of fetch {} from {} broke ({}); reconnecting in {} ms", jobId, target, reason,
                delay.toMillis());
        listener.onInterrupted(reason + " (next try in " + Reconnects.describe(delay) + ")");
        reconnects.reopenAfter(delay, this::start);
    }

    private synchronized boolean finish() {
        boolean was = closed;
        closed = true;
        return !was;
    }

    @Override
    public void close() {
        ClientCallStreamObserver<WatchFetchRequest> current;
        synchronized (this) {
            current = call;
        }
        if (finish() && current != null) {
            current.cancel("the client stopped watching", null);
        }
    }

    static boolean isFinal(FetchProgress.State state) {
        return state == FetchProgress.State.STATE_DONE || state == FetchProgress.State.STATE_FAILED
                || state == FetchProgress.State.STATE_CANCELLED;
    }

    private final class Observer implements ClientResponseObserver<WatchFetchRequest, WatchFetchResponse> {

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchFetchRequest> requestStream) {
            boolean cancel;
            synchronized (FetchStream.this) {
                call = requestStream;
                cancel = closed;
            }
            if (cancel) {
                requestStream.cancel("the client stopped watching", null);
            }
        }

        @Override
        public void onNext(WatchFetchResponse message) {
            synchronized (FetchStream.this) {
                if (closed) {
                    return;
                }
            }
            reconnects.succeeded();
            listener.onProgress(message.getProgress());
            if (isFinal(message.getProgress().getState())) {
                finish();
            }
        }

        @Override
        public void onError(Throwable t) {
            retry(EngineErrors.describe(t, target));
        }

        @Override
        public void onCompleted() {
            retry("the engine ended the progress stream");
        }
    }
}
