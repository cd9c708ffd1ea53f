package io.tradingbots.desktop.engine;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tradingbots.api.v1.BacktestResult;
import io.tradingbots.api.v1.BacktestServiceGrpc;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.GetBacktestRequest;
import io.tradingbots.api.v1.ListBacktestsRequest;
import io.tradingbots.api.v1.ListStrategiesRequest;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.RunBacktestResponse;
import io.tradingbots.api.v1.RunWalkForwardRequest;
import io.tradingbots.api.v1.RunWalkForwardResponse;
import io.tradingbots.api.v1.StrategyInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's backtests: strategies, runs with their progress, stored results. Unary calls block
 * (run them off the UI thread) and turn failures into an {@link EngineException} with the engine's
 * words. A run (a backtest or a walk-forward) is not retried when its stream breaks: the user sees why and starts it again.
 */
public final class BacktestClient implements BacktestSource {

    private final BacktestServiceGrpc.BacktestServiceBlockingStub blocking;
    private final BacktestServiceGrpc.BacktestServiceStub async;
    private final String target;

    BacktestClient(BacktestServiceGrpc.BacktestServiceBlockingStub blocking, BacktestServiceGrpc.BacktestServiceStub async,
                   String target) {
        this.blocking = blocking;
        this.async = async;
        this.target = target;
    }

    @Override
    public List<StrategyInfo> strategies() throws EngineException {
        try {
            return deadline().listStrategies(ListStrategiesRequest.getDefaultInstance()).getStrategiesList();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public List<BacktestSummary> stored() throws EngineException {
        try {
            return deadline().listBacktests(ListBacktestsRequest.getDefaultInstance()).getBacktestsList();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public BacktestResult stored(String id) throws EngineException {
        try {
            return deadline().getBacktest(GetBacktestRequest.newBuilder().setId(id).build()).getResult();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public StateSource.Subscription run(RunBacktestRequest request, RunListener listener) {
        Run<RunBacktestRequest, RunBacktestResponse> run = new Run<>(message -> {
            if (message.hasProgress()) {
                listener.onProgress(message.getProgress());
            } else if (message.hasResult()) {
                listener.onResult(message.getResult());
            }
        }, listener::onFailure);
        async.runBacktest(request, run);
        return run;
    }

    @Override
    public StateSource.Subscription walkForward(RunWalkForwardRequest request, WalkForwardListener listener) {
        Run<RunWalkForwardRequest, RunWalkForwardResponse> run = new Run<>(message -> {
            if (message.hasProgress()) {
                listener.onProgress(message.getProgress());
            } else if (message.hasResult()) {
                listener.onResult(message.getResult());
            }
        }, listener::onFailure);
        async.runWalkForward(request, run);
        return run;
    }

    private BacktestServiceGrpc.BacktestServiceBlockingStub deadline() {
        return blocking.withDeadlineAfter(EngineClient.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run's stream: messages to {@code onMessage}, a failure (not a cancel from here) to {@code onFailure}. */
    private final class Run<Q, R> implements ClientResponseObserver<Q, R>, StateSource.Subscription {

        private final Consumer<R> onMessage;
        private final Consumer<String> onFailure;
        private ClientCallStreamObserver<Q> call;
        private boolean closed;

        Run(Consumer<R> onMessage, Consumer<String> onFailure) {
            this.onMessage = onMessage;
            this.onFailure = onFailure;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
            synchronized (this) {
                call = requestStream;
            }
        }

        @Override
        public void onNext(R message) {
            onMessage.accept(message);
        }

        @Override
        public void onError(Throwable t) {
            synchronized (this) {
                if (closed) {
                    return; // cancelled here: nothing to report
                }
            }
            onFailure.accept(t instanceof StatusRuntimeException sre ? EngineErrors.failure(sre, target).getMessage()
                    : EngineErrors.describe(t, target));
        }

        @Override
        public void onCompleted() {
            // the result came in onNext
        }

        @Override
        public void close() {
            ClientCallStreamObserver<Q> c;
            synchronized (this) {
                closed = true;
                c = call;
            }
            if (c != null) {
                c.cancel("cancelled by the user", Status.CANCELLED.asRuntimeException());
            }
        }
    }
}
