package io.tradingbots.desktop.risk;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.GetLimitsRequest;
import io.tradingbots.api.v1.GetLimitsResponse;
import io.tradingbots.api.v1.Halt;
import io.tradingbots.api.v1.HaltKind;
import io.tradingbots.api.v1.HaltTradingRequest;
import io.tradingbots.api.v1.HaltTradingResponse;
import io.tradingbots.api.v1.ResumeTradingRequest;
import io.tradingbots.api.v1.ResumeTradingResponse;
import io.tradingbots.api.v1.RiskLimits;
import io.tradingbots.api.v1.RiskServiceGrpc;
import io.tradingbots.api.v1.RiskState;
import io.tradingbots.api.v1.SetLimitsRequest;
import io.tradingbots.api.v1.SetLimitsResponse;
import io.tradingbots.api.v1.LimitChange;
import io.tradingbots.api.v1.WatchRiskRequest;
import io.tradingbots.api.v1.WatchRiskResponse;
import io.tradingbots.desktop.InProcessEngine;
import io.tradingbots.desktop.engine.EngineClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process RiskService behind the token check, with the engine's rules that the desktop
 * relies on: a reason is required, resuming needs a halt, raising the daily limit while halted is refused.
 */
final class FakeRisk implements AutoCloseable {

    static final RiskLimits DEFAULTS = RiskLimits.newBuilder().setDailyLossPercent("10").setEntryBufferPercent("2")
            .setBotDrawdownPercent("25").setCoinExposurePercent("50").setTotalExposurePercent("100")
            .setMaxOrderNotional("100000").setMaxOrdersPerMinute(30).setMinOrderNotional("10").build();

    private final InProcessEngine server;
    private final List<StreamObserver<WatchRiskResponse>> watchers = new CopyOnWriteArrayList<>();
    private final List<SetLimitsRequest> limitRequests = new CopyOnWriteArrayList<>();
    private volatile RiskState state = RiskState.newBuilder().setEquity("10000").setDayStartEquity("10200")
            .setDailyPnl("-200").setDailyLossPercent("1.96").setLimitUsedPercent("19.6").setTotalExposure("2500")
            .setLimits(DEFAULTS).build();
    private long sequence;

    FakeRisk() throws IOException {
        server = new InProcessEngine(new Service());
    }

    EngineClient client() {
        return server.client();
    }

    RiskState state() {
        return state;
    }

    /** Sends {@code next} to every watcher. */
    synchronized void publish(RiskState next) {
        state = next;
        for (StreamObserver<WatchRiskResponse> w : watchers) {
            w.onNext(WatchRiskResponse.newBuilder().setSequence(++sequence).setState(next).build());
        }
    }

    List<SetLimitsRequest> limitRequests() {
        return limitRequests;
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Service extends RiskServiceGrpc.RiskServiceImplBase {
        @Override
        public void watchRisk(WatchRiskRequest request, StreamObserver<WatchRiskResponse> response) {
            watchers.add(response);
            synchronized (FakeRisk.this) {
                response.onNext(WatchRiskResponse.newBuilder().setSequence(++sequence).setState(state).build());
            }
        }

        @Override
        public void haltTrading(HaltTradingRequest r, StreamObserver<HaltTradingResponse> response) {
            if (r.getReason().isBlank()) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("a halt needs a reason").asRuntimeException());
                return;
            }
            state = state.toBuilder().setHalted(true).setHalt(Halt.newBuilder().setKind(HaltKind.HALT_KIND_MANUAL)
                    .setReason(r.getReason()).setHaltedBy(r.getRequestedBy())).setEntriesBlocked("trading is halted").build();
            response.onNext(HaltTradingResponse.newBuilder().setState(state).build());
            response.onCompleted();
        }

        @Override
        public void resumeTrading(ResumeTradingRequest r, StreamObserver<ResumeTradingResponse> response) {
            if (!state.getHalted()) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("trading is not halted").asRuntimeException());
                return;
            }
            state = state.toBuilder().setHalted(false).clearHalt().setEntriesBlocked("").build();
            response.onNext(ResumeTradingResponse.newBuilder().setState(state).build());
            response.onCompleted();
        }

        /** Newest first, as the engine answers. */
        private final java.util.List<LimitChange> audit = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void getLimits(GetLimitsRequest request, StreamObserver<GetLimitsResponse> response) {
            response.onNext(GetLimitsResponse.newBuilder().setLimits(state.getLimits()).addAllRecentChanges(audit).build());
            response.onCompleted();
        }

        @Override
        public void setLimits(SetLimitsRequest r, StreamObserver<SetLimitsResponse> response) {
            limitRequests.add(r);
            BigDecimal now = new BigDecimal(state.getLimits().getDailyLossPercent());
            BigDecimal next = new BigDecimal(r.getLimits().getDailyLossPercent());
            if (state.getHalted() && next.compareTo(now) > 0) {
                response.onError(Status.FAILED_PRECONDITION.withDescription("trading is halted, so limits may only be"
                        + " tightened; resume first to raise daily loss limit " + now + "% → " + next + "%").asRuntimeException());
                return;
            }
            SetLimitsResponse.Builder b = SetLimitsResponse.newBuilder().setLimits(r.getLimits());
            if (!r.getLimits().equals(state.getLimits())) {
                LimitChange c = LimitChange.newBuilder().setLimit("daily_loss_percent").setChangedBy(r.getRequestedBy())
                        .setOldValue(state.getLimits().getDailyLossPercent()).setNewValue(r.getLimits().getDailyLossPercent())
                        .setTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_772_000_000L + audit.size())).build();
                b.addChanges(c);
                audit.add(0, c);
            }
            state = state.toBuilder().setLimits(r.getLimits()).build();
            response.onNext(b.build());
            response.onCompleted();
        }
    }
}
