package io.tradingbots.desktop.backtests;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.BacktestMetrics;
import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.BacktestResult;
import io.tradingbots.api.v1.BacktestServiceGrpc;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.BacktestTrade;
import io.tradingbots.api.v1.EquityPoint;
import io.tradingbots.api.v1.GetBacktestRequest;
import io.tradingbots.api.v1.GetBacktestResponse;
import io.tradingbots.api.v1.GetInventoryRequest;
import io.tradingbots.api.v1.GetInventoryResponse;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.api.v1.ListBacktestsRequest;
import io.tradingbots.api.v1.ListBacktestsResponse;
import io.tradingbots.api.v1.ListStrategiesRequest;
import io.tradingbots.api.v1.ListStrategiesResponse;
import io.tradingbots.api.v1.ParamInfo;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.RunBacktestResponse;
import io.tradingbots.api.v1.RunWalkForwardRequest;
import io.tradingbots.api.v1.RunWalkForwardResponse;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.StrategyInfo;
import io.tradingbots.desktop.InProcessEngine;
import io.tradingbots.desktop.engine.EngineClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process BacktestService (and the HistoryService inventory the form needs) behind the token
 * check: lists two strategies and what was stored, refuses runs when told to, and hands each
 * RunBacktest stream to the test to drive; it notes when the client cancels a run.
 */
final class FakeBacktests implements AutoCloseable {

    static final long START = 1_704_067_200_000L; // 2024-01-01T00:00Z
    static final long HOUR = 3_600_000L;

    private final InProcessEngine server;
    private final BlockingQueue<ServerCallStreamObserver<RunBacktestResponse>> runs = new LinkedBlockingQueue<>();
    private final List<RunBacktestRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ServerCallStreamObserver<RunWalkForwardResponse>> walkForwards = new LinkedBlockingQueue<>();
    private final List<RunWalkForwardRequest> walkForwardRequests = new CopyOnWriteArrayList<>();
    private final List<BacktestResult> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private volatile Status refusal;

    FakeBacktests() throws IOException {
        server = new InProcessEngine(new Backtests(), new History());
    }

    void refuseRuns(Status status) {
        refusal = status;
    }

    /** The next RunBacktest call's response stream, once the client opened it. */
    ServerCallStreamObserver<RunBacktestResponse> nextRun() throws InterruptedException {
        return runs.poll(5, TimeUnit.SECONDS);
    }

    /** The next RunWalkForward call's response stream, once the client opened it. */
    ServerCallStreamObserver<RunWalkForwardResponse> nextWalkForward() throws InterruptedException {
        return walkForwards.poll(5, TimeUnit.SECONDS);
    }

    List<RunWalkForwardRequest> walkForwardRequests() {
        return walkForwardRequests;
    }

    List<RunBacktestRequest> requests() {
        return requests;
    }

    int cancelled() {
        return cancelled.get();
    }

    /** Keeps a result as the engine would after a run, so it is listed and can be fetched. */
    void store(BacktestResult r) {
        stored.add(0, r);
    }

    EngineClient client() {
        return server.client();
    }

    @Override
    public void close() {
        server.close();
    }

    static RunBacktestResponse progress(BacktestProgress.Stage stage, double fraction) {
        return RunBacktestResponse.newBuilder().setProgress(BacktestProgress.newBuilder().setStage(stage)
                .setFraction(fraction).setBars(8_760)).build();
    }

    /**
     * A year of hourly bars where sma-cross loses 4.12% with one winning and two losing trades
     * while buy-and-hold gains 25.33%; the curve is a slow wave of 500 points.
     */
    static BacktestResult sampleResult(String id) {
        BacktestSummary summary = BacktestSummary.newBuilder().setId(id).setCreatedAt(START + 400 * 24 * HOUR)
                .setExchange("binanceus").setSymbol("BTC/USD").setTimeframe("1h").setStrategy("sma-cross")
                .putParams("fast", "12").putParams("slow", "30").setFee("0.001").setCapital("1000").setSlippageBps("0")
                .setFirstOpenTime(START).setLastOpenTime(START + 8_759 * HOUR).setBars(8_760).setFinalEquity("958.8")
                .setTotalReturn("-0.0412").setBuyAndHoldReturn("0.2533").setMaxDrawdown("0.1875").setSharpe("-0.31")
                .setTrades(3).build();
        BacktestResult.Builder b = BacktestResult.newBuilder().setSummary(summary).setEngine("fast")
                .setMetrics(BacktestMetrics.newBuilder().setFinalEquity("958.8").setTotalReturn("-0.0412")
                        .setAnnualizedReturn("-0.0412").setMaxDrawdown("0.1875").setSharpe("-0.31").setSortino("-0.42")
                        .setWinRate("0.3333333333333333").setProfitFactor("0.61").setExposure("0.42").setTrades(3)
                        .setFeesPaid("5.99"))
                .setBuyAndHold(BacktestMetrics.newBuilder().setFinalEquity("1253.3").setTotalReturn("0.2533")
                        .setAnnualizedReturn("0.2533").setMaxDrawdown("0.2210").setSharpe("0.95").setSortino("1.31")
                        .setWinRate("").setProfitFactor("").setExposure("1").setTrades(1).setFeesPaid("1"))
                .addTrades(trade(100, "42000.5", 300, "44100.25", "0.0237", "48.12"))
                .addTrades(trade(1_000, "46000", 1_200, "43000", "0.0228", "-70.30"))
                .addTrades(trade(5_000, "51000", 5_400, "50200.75", "0.0191", "-18.92"));
        for (int i = 0; i < 500; i++) {
            double equity = 1000 + 60 * Math.sin(i / 40.0) - i * 0.08;
            b.addEquityCurve(EquityPoint.newBuilder().setTime(START + i * 17L * HOUR).setEquity(Double.toString(equity)));
        }
        return b.build();
    }

    private static BacktestTrade trade(int entryBar, String entry, int exitBar, String exit, String qty, String profit) {
        return BacktestTrade.newBuilder().setEntryTime(START + entryBar * HOUR).setEntryPrice(entry)
                .setExitTime(START + exitBar * HOUR).setExitPrice(exit).setQuantity(qty).setProfit(profit).setFees("2.00")
                .build();
    }

    private final class Backtests extends BacktestServiceGrpc.BacktestServiceImplBase {
        @Override
        public void listStrategies(ListStrategiesRequest request, StreamObserver<ListStrategiesResponse> response) {
            response.onNext(ListStrategiesResponse.newBuilder()
                    .addStrategies(StrategyInfo.newBuilder().setName("sma-cross").setSummary("SMA(fast) crosses SMA(slow)")
                            .addParams(integer("fast", "10", "2", "500")).addParams(integer("slow", "30", "3", "2000")))
                    .addStrategies(StrategyInfo.newBuilder().setName("momentum").setSummary("EMA trend with a trailing stop")
                            .addParams(integer("ema", "50", "2", "1000")))
                    .build());
            response.onCompleted();
        }

        private static ParamInfo integer(String name, String def, String min, String max) {
            return ParamInfo.newBuilder().setName(name).setKind(ParamInfo.Kind.KIND_INTEGER).setDefaultValue(def)
                    .setMin(min).setMax(max).setDescription(name + " bars").build();
        }

        @Override
        public void runBacktest(RunBacktestRequest request, StreamObserver<RunBacktestResponse> response) {
            requests.add(request);
            if (refusal != null) {
                response.onError(refusal.asRuntimeException());
                return;
            }
            ServerCallStreamObserver<RunBacktestResponse> call = (ServerCallStreamObserver<RunBacktestResponse>) response;
            call.setOnCancelHandler(cancelled::incrementAndGet);
            runs.add(call);
        }

        @Override
        public void runWalkForward(RunWalkForwardRequest request, StreamObserver<RunWalkForwardResponse> response) {
            walkForwardRequests.add(request);
            if (refusal != null) {
                response.onError(refusal.asRuntimeException());
                return;
            }
            ServerCallStreamObserver<RunWalkForwardResponse> call = (ServerCallStreamObserver<RunWalkForwardResponse>) response;
            call.setOnCancelHandler(cancelled::incrementAndGet);
            walkForwards.add(call);
        }

        @Override
        public void listBacktests(ListBacktestsRequest request, StreamObserver<ListBacktestsResponse> response) {
            response.onNext(ListBacktestsResponse.newBuilder()
                    .addAllBacktests(stored.stream().map(BacktestResult::getSummary).toList()).build());
            response.onCompleted();
        }

        @Override
        public void getBacktest(GetBacktestRequest request, StreamObserver<GetBacktestResponse> response) {
            stored.stream().filter(r -> r.getSummary().getId().equals(request.getId())).findFirst().ifPresentOrElse(
                    r -> {
                        response.onNext(GetBacktestResponse.newBuilder().setResult(r).build());
                        response.onCompleted();
                    },
                    () -> response.onError(Status.NOT_FOUND.withDescription("no stored backtest " + request.getId())
                            .asRuntimeException()));
        }
    }

    private static final class History extends HistoryServiceGrpc.HistoryServiceImplBase {
        @Override
        public void getInventory(GetInventoryRequest request, StreamObserver<GetInventoryResponse> response) {
            response.onNext(GetInventoryResponse.newBuilder()
                    .addSeries(SeriesInventory.newBuilder().setExchange("binanceus").setSymbol("BTC/USD").setTimeframe("1h")
                            .setCount(8_760).setFirstOpenTime(START).setLastOpenTime(START + 8_759 * HOUR))
                    .addSeries(SeriesInventory.newBuilder().setExchange("binanceus").setSymbol("ETH/USD").setTimeframe("1m")
                            .setCount(0))
                    .build());
            response.onCompleted();
        }
    }
}
