package io.tradingbots.desktop.engine;

import io.grpc.StatusRuntimeException;
import io.tradingbots.api.v1.GetLimitsRequest;
import io.tradingbots.api.v1.GetLimitsResponse;
import io.tradingbots.api.v1.HaltTradingRequest;
import io.tradingbots.api.v1.ResumeTradingRequest;
import io.tradingbots.api.v1.RiskLimits;
import io.tradingbots.api.v1.RiskServiceGrpc;
import io.tradingbots.api.v1.RiskState;
import io.tradingbots.api.v1.SetLimitsRequest;
import io.tradingbots.api.v1.SetLimitsResponse;
import io.tradingbots.api.v1.WatchRiskRequest;
import io.tradingbots.api.v1.WatchRiskResponse;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The engine's risk manager: its live picture, the kill switch and the limits. Unary calls block. */
public final class RiskClient implements RiskSource {

    /** One picture a second is plenty for people; the engine skips pictures for a slow reader. */
    static final int WATCH_INTERVAL_MS = 1000;

    private final RiskServiceGrpc.RiskServiceBlockingStub blocking;
    private final RiskServiceGrpc.RiskServiceStub async;
    private final Runnable wakeChannel;
    private final String target;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Backoff> backoffs;

    RiskClient(RiskServiceGrpc.RiskServiceBlockingStub blocking, RiskServiceGrpc.RiskServiceStub async,
               Runnable wakeChannel, String target, ScheduledExecutorService scheduler, Supplier<Backoff> backoffs) {
        this.blocking = blocking;
        this.async = async;
        this.wakeChannel = wakeChannel;
        this.target = target;
        this.scheduler = scheduler;
        this.backoffs = backoffs;
    }

    @Override
    public StateSource.Subscription watchRisk(StreamListener<RiskState> listener) {
        StreamListener<WatchRiskResponse> unwrap = StreamListener.unwrapping(listener, WatchRiskResponse::getState);
        return new WatchStream<>("risk", WatchRiskRequest.newBuilder().setIntervalMs(WATCH_INTERVAL_MS).build(),
                async::watchRisk, target, unwrap, wakeChannel, scheduler, backoffs.get()).start();
    }

    @Override
    public RiskState halt(String reason, String requestedBy, boolean flatten) throws EngineException {
        try {
            return deadline().haltTrading(HaltTradingRequest.newBuilder().setReason(reason).setRequestedBy(requestedBy)
                    .setFlatten(flatten).build()).getState();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public RiskState resume(String reason, String requestedBy) throws EngineException {
        try {
            return deadline().resumeTrading(ResumeTradingRequest.newBuilder().setReason(reason)
                    .setRequestedBy(requestedBy).build()).getState();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public GetLimitsResponse limits() throws EngineException {
        try {
            return deadline().getLimits(GetLimitsRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public SetLimitsResponse setLimits(RiskLimits limits, String requestedBy) throws EngineException {
        try {
            return deadline().setLimits(SetLimitsRequest.newBuilder().setLimits(limits).setRequestedBy(requestedBy).build());
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    private RiskServiceGrpc.RiskServiceBlockingStub deadline() {
        return blocking.withDeadlineAfter(EngineClient.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
