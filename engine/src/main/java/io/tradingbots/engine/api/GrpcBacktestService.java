package io.tradingbots.engine.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.BacktestMetrics;
import io.tradingbots.api.v1.BacktestOpenPosition;
import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.BacktestServiceGrpc;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.BacktestTrade;
import io.tradingbots.api.v1.EquityPoint;
import io.tradingbots.api.v1.GetBacktestRequest;
import io.tradingbots.api.v1.GetBacktestResponse;
import io.tradingbots.api.v1.ListBacktestsRequest;
import io.tradingbots.api.v1.ListBacktestsResponse;
import io.tradingbots.api.v1.ListStrategiesRequest;
import io.tradingbots.api.v1.ListStrategiesResponse;
import io.tradingbots.api.v1.ParamInfo;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.RunBacktestResponse;
import io.tradingbots.api.v1.StrategyInfo;
import io.tradingbots.api.v1.RunWalkForwardRequest;
import io.tradingbots.api.v1.RunWalkForwardResponse;
import io.tradingbots.api.v1.WalkForwardResult;
import io.tradingbots.api.v1.WalkForwardWindow;
import io.tradingbots.engine.backtest.BacktestJobs;
import io.tradingbots.engine.backtest.BacktestResult;
import io.tradingbots.engine.backtest.BacktestSpec;
import io.tradingbots.engine.backtest.Metrics;
import io.tradingbots.engine.backtest.OpenPosition;
import io.tradingbots.engine.backtest.ParamRange;
import io.tradingbots.engine.backtest.Sweep;
import io.tradingbots.engine.backtest.WalkForward;
import io.tradingbots.engine.backtest.StoredBacktest;
import io.tradingbots.engine.backtest.Trade;
import io.tradingbots.engine.history.Symbols;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.ParamDef;
import io.tradingbots.engine.strategy.StrategyDef;
import io.tradingbots.engine.strategy.Strategies;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/** BacktestService: translates between the API and {@link BacktestJobs}; no logic of its own. */
public final class GrpcBacktestService extends BacktestServiceGrpc.BacktestServiceImplBase {

    private static final String RUN = BacktestServiceGrpc.getRunBacktestMethod().getFullMethodName();
    private static final String WALK = BacktestServiceGrpc.getRunWalkForwardMethod().getFullMethodName();

    private final Supplier<BacktestJobs> jobs;

    /** {@code jobs} gives null until the database is open: calls before that are FAILED_PRECONDITION. */
    public GrpcBacktestService(Supplier<BacktestJobs> jobs) {
        this.jobs = jobs;
    }

    private BacktestJobs jobs() {
        BacktestJobs j = jobs.get();
        if (j == null) {
            throw new IllegalStateException("the engine is still starting: try again in a moment");
        }
        return j;
    }

    @Override
    public void listStrategies(ListStrategiesRequest r, StreamObserver<ListStrategiesResponse> response) {
        ListStrategiesResponse.Builder b = ListStrategiesResponse.newBuilder();
        for (StrategyDef d : Strategies.registry().all()) {
            StrategyInfo.Builder s = StrategyInfo.newBuilder().setName(d.name()).setSummary(d.summary())
                    .setNeedsSecondSeries(d.needsSecondSeries());
            d.params().forEach(p -> s.addParams(toProto(p)));
            b.addStrategies(s);
        }
        response.onNext(b.build());
        response.onCompleted();
    }

    /**
     * Checks the request before the stream starts (INVALID_ARGUMENT), takes the run slot
     * (RESOURCE_EXHAUSTED when none is free) and runs it on the backtest pool.
     */
    @Override
    public void runBacktest(RunBacktestRequest r, StreamObserver<RunBacktestResponse> response) {
        BacktestSpec spec = fromProto(r);
        RunStream<StoredBacktest.Full, RunBacktestResponse> stream = new RunStream<>(response, RUN,
                p -> RunBacktestResponse.newBuilder().setProgress(p).build(),
                done -> RunBacktestResponse.newBuilder().setResult(toProto(done)).build());
        jobs().submit(spec, stream::progress, stream::cancelled).whenComplete(stream::finish);
    }

    /** As {@link #runBacktest}, for a walk-forward: same checks, slot, progress and cancel. */
    @Override
    public void runWalkForward(RunWalkForwardRequest r, StreamObserver<RunWalkForwardResponse> response) {
        BacktestSpec spec = fromProto(r.getBacktest());
        if (r.getRangesCount() == 0) {
            throw new IllegalArgumentException("give at least one range to sweep, e.g. fast=5:50:5");
        }
        if (r.getTrain() < 2 || r.getTest() < 2) {
            throw new IllegalArgumentException("train and test must be at least 2 bars, got " + r.getTrain() + " and "
                    + r.getTest());
        }
        List<ParamRange> ranges = r.getRangesList().stream().map(ParamRange::parse).toList();
        Sweep.Spec sweep = new Sweep.Spec(spec.strategy(), r.getBacktest().getParamsMap(), ranges, r.getRandom(), r.getSeed(),
                r.getRankBy().isBlank() ? "sharpe" : r.getRankBy(), 1);
        RunStream<WalkForward.Result, RunWalkForwardResponse> stream = new RunStream<>(response, WALK,
                p -> RunWalkForwardResponse.newBuilder().setProgress(p).build(),
                done -> RunWalkForwardResponse.newBuilder().setResult(toProto(done)).build());
        jobs().submitWalkForward(spec, sweep, r.getTrain(), r.getTest(), stream::progress, stream::cancelled)
                .whenComplete(stream::finish);
    }

    /**
     * One streaming run: its pending progress and its end, every touch of the call under one lock.
     * Progress is coalesced: only the newest value waits while the client is not ready (sent from
     * the on-ready handler), and a value goes out only when it moved by a percent or changed
     * stage. Whatever still waits at the end goes out just before the result, so a client sees at
     * least one progress message, then the result, whatever its speed. Cancelling the call makes
     * {@link #cancelled()} true, which stops the run.
     */
    private static final class RunStream<T, R> {
        private final ServerCallStreamObserver<R> call;
        private final String method;
        private final Function<BacktestProgress, R> progressMessage;
        private final Function<T, R> resultMessage;
        private BacktestProgress sent;
        private BacktestProgress pending;
        private boolean ended;
        private volatile boolean cancelled;

        RunStream(StreamObserver<R> response, String method, Function<BacktestProgress, R> progressMessage,
                  Function<T, R> resultMessage) {
            this.call = (ServerCallStreamObserver<R>) response;
            this.method = method;
            this.progressMessage = progressMessage;
            this.resultMessage = resultMessage;
            call.setOnCancelHandler(this::cancel);
            call.setOnReadyHandler(this::drain);
        }

        boolean cancelled() {
            return cancelled;
        }

        private synchronized void cancel() {
            cancelled = true;
            ended = true; // the client has gone; gRPC closes the call
        }

        void progress(BacktestJobs.Stage stage, double fraction, int bars) {
            BacktestProgress p = BacktestProgress.newBuilder().setStage(toProto(stage)).setFraction(fraction).setBars(bars).build();
            synchronized (this) {
                BacktestProgress last = pending != null ? pending : sent;
                if (last == null || last.getStage() != p.getStage() || fraction - last.getFraction() >= 0.01) {
                    pending = p;
                }
            }
            drain();
        }

        synchronized void drain() {
            if (pending != null && !ended && call.isReady()) {
                call.onNext(progressMessage.apply(pending));
                sent = pending;
                pending = null;
            }
        }

        synchronized void finish(T done, Throwable failure) {
            if (ended) {
                return;
            }
            ended = true;
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                call.onError(ErrorMapping.toStatus(cause, method).asRuntimeException());
                return;
            }
            if (pending != null) {
                call.onNext(progressMessage.apply(pending));
            }
            call.onNext(resultMessage.apply(done));
            call.onCompleted();
        }
    }

    @Override
    public void listBacktests(ListBacktestsRequest r, StreamObserver<ListBacktestsResponse> response) {
        if (r.getLimit() < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + r.getLimit());
        }
        ListBacktestsResponse.Builder b = ListBacktestsResponse.newBuilder();
        jobs().store().list(r.getLimit() == 0 ? 100 : r.getLimit()).forEach(s -> b.addBacktests(toProto(s)));
        response.onNext(b.build());
        response.onCompleted();
    }

    @Override
    public void getBacktest(GetBacktestRequest r, StreamObserver<GetBacktestResponse> response) {
        long id;
        try {
            id = Long.parseLong(r.getId().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("backtest id '" + r.getId() + "' is not a number (ListBacktests gives the ids)");
        }
        response.onNext(GetBacktestResponse.newBuilder().setResult(toProto(jobs().store().get(id))).build());
        response.onCompleted();
    }

    static BacktestSpec fromProto(RunBacktestRequest r) {
        if (r.getStrategy().isBlank()) {
            throw new IllegalArgumentException("give a strategy: one of " + Strategies.registry().names());
        }
        if (r.getTimeframe().isBlank()) {
            throw new IllegalArgumentException("give a timeframe: 1m, 5m, 15m, 1h, 4h or 1d");
        }
        long from = r.getFromTime() == 0 ? BacktestSpec.FIRST : r.getFromTime();
        long to = r.getToTime() == 0 ? BacktestSpec.LAST : r.getToTime();
        if (from >= to) {
            throw new IllegalArgumentException("from_time " + r.getFromTime() + " is not before to_time " + r.getToTime());
        }
        return BacktestSpec.of(blankToNull(r.getExchange()), Symbols.symbol(r.getSymbol()), Timeframe.parse(r.getTimeframe()),
                from, to, r.getStrategy(), r.getParamsMap(), decimal("fee", r.getFee(), 0.001),
                decimal("capital", r.getCapital(), 1000), decimal("slippage_bps", r.getSlippageBps(), 0),
                blankToNull(r.getSecondExchange()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static double decimal(String field, String text, double empty) {
        if (text.isBlank()) {
            return empty;
        }
        try {
            return new BigDecimal(text.trim()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a decimal number");
        }
    }

    /** A figure as a decimal string: exact for the double, "" when undefined, "Infinity" for an endless ratio. */
    static String dec(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return BigDecimal.valueOf(v).toPlainString();
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static ParamInfo toProto(ParamDef p) {
        ParamInfo.Builder b = ParamInfo.newBuilder().setName(p.name()).setDefaultValue(p.defaultValue())
                .setDescription(p.description()).addAllChoices(p.choices())
                .setKind(switch (p.kind()) {
                    case INTEGER -> ParamInfo.Kind.KIND_INTEGER;
                    case DECIMAL -> ParamInfo.Kind.KIND_DECIMAL;
                    case CHOICE -> ParamInfo.Kind.KIND_CHOICE;
                });
        if (p.numeric()) {
            b.setMin(plain(p.min())).setMax(plain(p.max()));
        }
        return b.build();
    }

    private static BacktestProgress.Stage toProto(BacktestJobs.Stage s) {
        return switch (s) {
            case LOADING -> BacktestProgress.Stage.STAGE_LOADING;
            case RUNNING -> BacktestProgress.Stage.STAGE_RUNNING;
            case STORING -> BacktestProgress.Stage.STAGE_STORING;
        };
    }

    static BacktestSummary toProto(StoredBacktest s) {
        return BacktestSummary.newBuilder().setId(Long.toString(s.id())).setCreatedAt(s.createdAt())
                .setExchange(s.exchange()).setSymbol(s.symbol()).setTimeframe(s.timeframe()).setStrategy(s.strategy())
                .putAllParams(s.params()).setFee(plain(s.fee())).setCapital(plain(s.capital()))
                .setSlippageBps(plain(s.slippageBps())).setFirstOpenTime(s.firstOpen()).setLastOpenTime(s.lastOpen())
                .setBars(s.bars()).setFinalEquity(dec(s.finalEquity())).setTotalReturn(dec(s.totalReturn()))
                .setBuyAndHoldReturn(dec(s.holdReturn())).setMaxDrawdown(dec(s.maxDrawdown())).setSharpe(dec(s.sharpe()))
                .setTrades(s.trades())
                .build();
    }

    static io.tradingbots.api.v1.BacktestResult toProto(StoredBacktest.Full f) {
        BacktestResult r = f.result();
        io.tradingbots.api.v1.BacktestResult.Builder b = io.tradingbots.api.v1.BacktestResult.newBuilder()
                .setSummary(toProto(f.summary())).setMetrics(toProto(r.metrics())).setBuyAndHold(toProto(r.buyAndHold()))
                .setEngine(r.engine());
        for (Trade t : r.trades()) {
            b.addTrades(BacktestTrade.newBuilder().setEntryTime(t.entryTime()).setEntryPrice(dec(t.entryPrice()))
                    .setExitTime(t.exitTime()).setExitPrice(dec(t.exitPrice())).setQuantity(dec(t.quantity()))
                    .setProfit(dec(t.profit())).setFees(dec(t.fees())));
        }
        OpenPosition o = r.openPosition();
        if (o != null) {
            b.setOpenPosition(BacktestOpenPosition.newBuilder().setEntryTime(o.entryTime()).setEntryPrice(dec(o.entryPrice()))
                    .setQuantity(dec(o.quantity())).setMarkPrice(dec(o.markPrice()))
                    .setUnrealizedProfit(dec(o.unrealizedProfit())));
        }
        for (int i = 0; i < r.curveTimes().length; i++) {
            b.addEquityCurve(EquityPoint.newBuilder().setTime(r.curveTimes()[i]).setEquity(dec(r.curveEquity()[i])));
        }
        return b.build();
    }

    static BacktestMetrics toProto(Metrics m) {
        return BacktestMetrics.newBuilder().setFinalEquity(dec(m.finalEquity())).setTotalReturn(dec(m.totalReturn()))
                .setAnnualizedReturn(dec(m.annualizedReturn())).setMaxDrawdown(dec(m.maxDrawdown()))
                .setSharpe(dec(m.sharpe())).setSortino(dec(m.sortino())).setWinRate(dec(m.winRate()))
                .setProfitFactor(dec(m.profitFactor())).setExposure(dec(m.exposure())).setTrades(m.trades())
                .setFeesPaid(dec(m.feesPaid()))
                .build();
    }

    static WalkForwardResult toProto(WalkForward.Result r) {
        WalkForwardResult.Builder b = WalkForwardResult.newBuilder().setOosReturn(dec(r.oosReturn()))
                .setHoldReturn(dec(r.holdReturn())).setMeanIsSharpe(dec(r.meanIsSharpe()))
                .setMeanOosSharpe(dec(r.meanOosSharpe())).setWindowsLosingToHold(r.windowsLosingToHold())
                .setWindowsCollapsing(r.windowsCollapsing()).setOverfit(r.overfit()).setLosesToHold(r.losesToHold());
        for (WalkForward.Window w : r.windows()) {
            b.addWindows(WalkForwardWindow.newBuilder().setIndex(w.index()).setIsFrom(w.isFrom()).setIsTo(w.isTo())
                    .setOosFrom(w.oosFrom()).setOosTo(w.oosTo()).putAllBestParams(w.best().asMap())
                    .setIsBest(toProto(w.isBest())).setOos(toProto(w.oos())).setOosHold(toProto(w.oosHold()))
                    .setLosesToHold(w.losesToHold()).setCollapses(w.collapses()));
        }
        return b.build();
    }
}
