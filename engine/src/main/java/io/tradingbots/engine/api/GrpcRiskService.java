package io.tradingbots.engine.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.BotRisk;
import io.tradingbots.api.v1.CoinExposure;
import io.tradingbots.api.v1.GetLimitsRequest;
import io.tradingbots.api.v1.GetLimitsResponse;
import io.tradingbots.api.v1.GetRiskRequest;
import io.tradingbots.api.v1.GetRiskResponse;
import io.tradingbots.api.v1.Halt;
import io.tradingbots.api.v1.HaltKind;
import io.tradingbots.api.v1.HaltTradingRequest;
import io.tradingbots.api.v1.HaltTradingResponse;
import io.tradingbots.api.v1.ResumeTradingRequest;
import io.tradingbots.api.v1.ResumeTradingResponse;
import io.tradingbots.api.v1.RiskServiceGrpc;
import io.tradingbots.api.v1.RiskState;
import io.tradingbots.api.v1.SetLimitsRequest;
import io.tradingbots.api.v1.SetLimitsResponse;
import io.tradingbots.api.v1.WatchRiskRequest;
import io.tradingbots.api.v1.WatchRiskResponse;
import io.tradingbots.engine.risk.LimitChange;
import io.tradingbots.engine.risk.OrderRequest;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.risk.RiskSnapshot;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** RiskService: translates between the API and {@link RiskManager}; no logic of its own. */
public final class GrpcRiskService extends RiskServiceGrpc.RiskServiceImplBase {

    private final Supplier<RiskManager> manager;
    private final Consumer<List<OrderRequest>> flatten;
    private final ScheduledExecutorService ticker;

    /**
     * {@code manager} gives the risk manager once the engine has opened its database (null before:
     * calls then fail with FAILED_PRECONDITION); {@code flatten} sends its flattening orders to the bots.
     */
    public GrpcRiskService(Supplier<RiskManager> manager, Consumer<List<OrderRequest>> flatten, ScheduledExecutorService ticker) {
        this.manager = manager;
        this.flatten = flatten;
        this.ticker = ticker;
    }

    public GrpcRiskService(RiskManager risk, Consumer<List<OrderRequest>> flatten, ScheduledExecutorService ticker) {
        this(() -> risk, flatten, ticker);
    }

    private RiskManager risk() {
        RiskManager r = manager.get();
        if (r == null) {
            throw new IllegalStateException("the engine is still starting: its risk manager is not ready yet");
        }
        return r;
    }

    @Override
    public void getRisk(GetRiskRequest request, StreamObserver<GetRiskResponse> response) {
        response.onNext(GetRiskResponse.newBuilder().setState(toProto(risk().snapshot())).build());
        response.onCompleted();
    }

    /** The latest picture every interval, sent only while gRPC says the client can take it. */
    @Override
    public void watchRisk(WatchRiskRequest request, StreamObserver<WatchRiskResponse> response) {
        int interval = request.getIntervalMs() == 0 ? 1000 : request.getIntervalMs();
        if (interval < 100 || interval > 60_000) {
            throw new IllegalArgumentException("interval_ms must be 100..60000 (or 0 for 1000), got " + interval);
        }
        ServerCallStreamObserver<WatchRiskResponse> call = (ServerCallStreamObserver<WatchRiskResponse>) response;
        Object lock = new Object();
        long[] sequence = {0};
        boolean[] due = {true};
        ScheduledFuture<?>[] task = {null};
        Runnable send = () -> {
            synchronized (lock) {
                if (!due[0] || call.isCancelled() || !call.isReady()) {
                    return;
                }
                due[0] = false;
                call.onNext(WatchRiskResponse.newBuilder().setSequence(++sequence[0]).setState(toProto(risk().snapshot())).build());
            }
        };
        Runnable tick = () -> {
            synchronized (lock) {
                due[0] = true;
            }
            send.run();
        };
        call.setOnCancelHandler(() -> {
            synchronized (lock) {
                if (task[0] != null) {
                    task[0].cancel(false);
                }
            }
        });
        call.setOnReadyHandler(() -> ticker.execute(send));
        synchronized (lock) {
            task[0] = ticker.scheduleWithFixedDelay(tick, 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void haltTrading(HaltTradingRequest r, StreamObserver<HaltTradingResponse> response) {
        List<OrderRequest> orders = risk().halt(r.getReason(), r.getRequestedBy(), r.getFlatten());
        if (!orders.isEmpty()) {
            flatten.accept(orders);
        }
        response.onNext(HaltTradingResponse.newBuilder().setState(toProto(risk().snapshot())).setFlattenOrders(orders.size()).build());
        response.onCompleted();
    }

    @Override
    public void resumeTrading(ResumeTradingRequest r, StreamObserver<ResumeTradingResponse> response) {
        risk().resume(r.getReason(), r.getRequestedBy());
        response.onNext(ResumeTradingResponse.newBuilder().setState(toProto(risk().snapshot())).build());
        response.onCompleted();
    }

    @Override
    public void getLimits(GetLimitsRequest request, StreamObserver<GetLimitsResponse> response) {
        GetLimitsResponse.Builder b = GetLimitsResponse.newBuilder().setLimits(toProto(risk().limits()));
        risk().limitChanges(50).forEach(c -> b.addRecentChanges(toProto(c)));
        response.onNext(b.build());
        response.onCompleted();
    }

    @Override
    public void setLimits(SetLimitsRequest r, StreamObserver<SetLimitsResponse> response) {
        if (!r.hasLimits()) {
            throw new IllegalArgumentException("limits are missing: send every limit (start from GetLimits)");
        }
        RiskLimits proposed = fromProto(r.getLimits());
        List<LimitChange> changes = risk().setLimits(proposed, r.getRequestedBy());
        SetLimitsResponse.Builder b = SetLimitsResponse.newBuilder().setLimits(toProto(risk().limits()));
        changes.forEach(c -> b.addChanges(toProto(c)));
        response.onNext(b.build());
        response.onCompleted();
    }

    static RiskState toProto(RiskSnapshot s) {
        RiskState.Builder b = RiskState.newBuilder()
                .setTime(ProtoMapper.time(s.time()))
                .setUtcDay(s.day() == null ? "" : s.day().toString())
                .setEquity(ProtoMapper.dec(s.equity()))
                .setDayStartEquity(ProtoMapper.dec(s.dayStartEquity()))
                .setDailyPnl(ProtoMapper.dec(s.dailyPnl()))
                .setDailyLossPercent(ProtoMapper.dec(s.dailyLossPercent()))
                .setLimitUsedPercent(ProtoMapper.dec(s.limitUsedPercent()))
                .setTotalExposure(ProtoMapper.dec(s.totalExposure()))
                .setHalted(s.halted())
                .setEntriesBlocked(s.entriesBlocked())
                .setLimits(toProto(s.limits()));
        s.exposureByCoin().forEach((coin, x) -> b.addCoins(CoinExposure.newBuilder().setCoin(coin).setExposure(ProtoMapper.dec(x))));
        s.exposureByBot().forEach((bot, x) -> b.addBots(BotRisk.newBuilder().setBotId(bot).setExposure(ProtoMapper.dec(x))
                .setDrawdownPercent(ProtoMapper.dec(s.drawdownByBot().getOrDefault(bot, BigDecimal.ZERO)))));
        if (s.halt() != null) {
            b.setHalt(Halt.newBuilder()
                    .setKind(switch (s.halt().kind()) {
                        case MANUAL -> HaltKind.HALT_KIND_MANUAL;
                        case DAILY_LOSS -> HaltKind.HALT_KIND_DAILY_LOSS;
                    })
                    .setReason(s.halt().reason())
                    .setHaltedBy(s.halt().by())
                    .setSince(ProtoMapper.time(s.halt().since())));
        }
        return b.build();
    }

    static io.tradingbots.api.v1.RiskLimits toProto(RiskLimits l) {
        return io.tradingbots.api.v1.RiskLimits.newBuilder()
                .setDailyLossPercent(ProtoMapper.dec(l.dailyLossPercent()))
                .setEntryBufferPercent(ProtoMapper.dec(l.entryBufferPercent()))
                .setBotDrawdownPercent(ProtoMapper.dec(l.botDrawdownPercent()))
                .setCoinExposurePercent(ProtoMapper.dec(l.coinExposurePercent()))
                .setTotalExposurePercent(ProtoMapper.dec(l.totalExposurePercent()))
                .setMaxOrderNotional(ProtoMapper.dec(l.maxOrderNotional()))
                .setMaxOrdersPerMinute(l.maxOrdersPerMinute())
                .setMinOrderNotional(ProtoMapper.dec(l.minOrderNotional()))
                .build();
    }

    static RiskLimits fromProto(io.tradingbots.api.v1.RiskLimits p) {
        return new RiskLimits(number("daily_loss_percent", p.getDailyLossPercent()), number("entry_buffer_percent", p.getEntryBufferPercent()),
                number("bot_drawdown_percent", p.getBotDrawdownPercent()), number("coin_exposure_percent", p.getCoinExposurePercent()),
                number("total_exposure_percent", p.getTotalExposurePercent()), number("max_order_notional", p.getMaxOrderNotional()),
                p.getMaxOrdersPerMinute(), number("min_order_notional", p.getMinOrderNotional()));
    }

    private static BigDecimal number(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("limits." + field + " is missing: send every limit (start from GetLimits)");
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limits." + field + ": '" + value + "' is not a decimal number");
        }
    }

    static io.tradingbots.api.v1.LimitChange toProto(LimitChange c) {
        return io.tradingbots.api.v1.LimitChange.newBuilder().setTime(ProtoMapper.time(c.at())).setChangedBy(c.by())
                .setLimit(c.limit()).setOldValue(c.oldValue()).setNewValue(c.newValue()).build();
    }
}
