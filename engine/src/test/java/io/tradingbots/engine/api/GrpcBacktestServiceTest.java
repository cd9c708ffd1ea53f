package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.BacktestServiceGrpc;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.GetBacktestRequest;
import io.tradingbots.api.v1.ListBacktestsRequest;
import io.tradingbots.api.v1.ListStrategiesRequest;
import io.tradingbots.api.v1.ParamInfo;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.RunBacktestResponse;
import io.tradingbots.api.v1.RunWalkForwardRequest;
import io.tradingbots.api.v1.RunWalkForwardResponse;
import io.tradingbots.api.v1.StrategyInfo;
import io.tradingbots.api.v1.WalkForwardResult;
import io.tradingbots.engine.backtest.BacktestJobs;
import io.tradingbots.engine.backtest.BacktestRequest;
import io.tradingbots.engine.backtest.BacktestResult;
import io.tradingbots.engine.backtest.BacktestRunner;
import io.tradingbots.engine.backtest.BacktestStore;
import io.tradingbots.engine.backtest.Bars;
import io.tradingbots.engine.backtest.ParamRange;
import io.tradingbots.engine.backtest.StoredBacktest;
import io.tradingbots.engine.backtest.Sweep;
import io.tradingbots.engine.backtest.WalkForward;
import io.tradingbots.engine.backtest.SyntheticBars;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.history.CandleHistory;
import io.tradingbots.engine.history.CandleStore;
import io.tradingbots.engine.history.SeriesKey;
import io.tradingbots.engine.history.TimeRange;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Strategies;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcBacktestServiceTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");
    private static final long START = 1_600_000_000_000L / 3_600_000 * 3_600_000;
    private static final int N = 3_000;
    private static final SeriesKey KEY = new SeriesKey("import", "BTC/USD", Timeframe.H1);

    private Database db;
    private CandleStore candles;
    private BacktestJobs jobs;
    private ApiServer server;
    private ManagedChannel channel;
    /** While set, loading waits for it: a run held at its first stage. */
    private volatile CountDownLatch gate;
    private final CountDownLatch serverSawCancel = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        db = Database.inMemory("grpc-backtest-" + System.nanoTime());
        candles = new CandleStore(db);
        Bars bars = SyntheticBars.generate("BTC/USD", Timeframe.H1, N, 7, START);
        List<Candle> list = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            list.add(new Candle("BTC/USD", Timeframe.H1, bars.openTime(i), BigDecimal.valueOf(bars.open(i)),
                    BigDecimal.valueOf(bars.high(i)), BigDecimal.valueOf(bars.low(i)), BigDecimal.valueOf(bars.close(i)),
                    BigDecimal.valueOf(bars.volume(i))));
        }
        candles.store(KEY, list);
        BacktestJobs.Loader store = BacktestJobs.fromStore(new CandleHistory(candles));
        BacktestJobs.Loader gated = spec -> {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return store.load(spec);
        };
        jobs = new BacktestJobs(gated, new BacktestStore(db), 1, () -> 1_700_000_000_000L);
        String name = InProcessServerBuilder.generateName();
        // the test's view of the server: a call's cancel has reached the service (its handler ran) when this counts down
        io.grpc.ServerInterceptor seeCancel = new io.grpc.ServerInterceptor() {
            @Override
            public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call, io.grpc.Metadata headers,
                                                                       io.grpc.ServerCallHandler<Q, A> next) {
                return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                    @Override
                    public void onCancel() {
                        super.onCancel();
                        serverSawCancel.countDown();
                    }
                };
            }
        };
        GrpcBacktestService service = new GrpcBacktestService(() -> jobs);
        io.grpc.BindableService watched = () -> io.grpc.ServerInterceptors.intercept(service, seeCancel);
        server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN, List.of(watched)).start();
        server.markServing();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws Exception {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        server.close();
        jobs.close();
        db.close();
    }

    private BacktestServiceGrpc.BacktestServiceBlockingStub stub() {
        return BacktestServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN));
    }

    private static RunBacktestRequest.Builder smaCross(int fast, int slow) {
        return RunBacktestRequest.newBuilder().setSymbol("BTC/USD").setTimeframe("1h").setStrategy("sma-cross")
                .putParams("fast", Integer.toString(fast)).putParams("slow", Integer.toString(slow)).setFee("0.001")
                .setCapital("1000");
    }

    private List<RunBacktestResponse> run(RunBacktestRequest r) {
        List<RunBacktestResponse> out = new ArrayList<>();
        stub().runBacktest(r).forEachRemaining(out::add);
        return out;
    }

    /** What the runner gives for the same request on the same stored candles, as the API says it. */
    private io.tradingbots.api.v1.BacktestResult expected(String strategy, Map<String, String> params, double fee,
                                                          double slippage) {
        Bars bars = Bars.of(candles.readColumns(KEY, new TimeRange(0, Long.MAX_VALUE / 2)));
        BacktestResult r = new BacktestRunner().run(BacktestRequest.of(bars, strategy,
                Strategies.registry().resolve(strategy, params), fee, 1000, slippage));
        StoredBacktest anySummary = new StoredBacktest(0, 0, "", "", "", "", Map.of(), 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return GrpcBacktestService.toProto(new StoredBacktest.Full(anySummary, r)).toBuilder().clearSummary().build();
    }

    @Test
    void aRunStreamsProgressThenTheResultTheRunnerGivesForTheSameRequest() {
        List<RunBacktestResponse> seen = run(smaCross(10, 30).build());

        assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
        RunBacktestResponse last = seen.get(seen.size() - 1);
        assertThat(last.hasResult()).isTrue();
        List<BacktestProgress> progress = seen.subList(0, seen.size() - 1).stream().map(RunBacktestResponse::getProgress).toList();
        assertThat(seen.subList(0, seen.size() - 1)).allMatch(RunBacktestResponse::hasProgress);
        // progress is coalesced for a slow reader: at least one message, stages and fractions only move forward
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i).getFraction()).isGreaterThanOrEqualTo(progress.get(i - 1).getFraction());
            assertThat(progress.get(i).getStage().getNumber()).isGreaterThanOrEqualTo(progress.get(i - 1).getStage().getNumber());
        }

        io.tradingbots.api.v1.BacktestResult result = last.getResult();
        io.tradingbots.api.v1.BacktestResult want = expected("sma-cross", Map.of("fast", "10", "slow", "30"), 0.001, 0);
        assertThat(result.toBuilder().clearSummary().build()).isEqualTo(want);
        assertThat(result.getTradesCount()).isGreaterThan(10);
        assertThat(result.getEquityCurveCount()).isBetween(2, BacktestRunner.CURVE_POINTS + 1);
        assertThat(result.getEngine()).isEqualTo("fast");
        BacktestSummary s = result.getSummary();
        assertThat(s.getId()).isNotBlank();
        assertThat(s.getExchange()).isEqualTo("import");
        assertThat(s.getParamsMap()).containsExactly(Map.entry("fast", "10"), Map.entry("slow", "30"));
        assertThat(s.getBars()).isEqualTo(N);
        assertThat(s.getFirstOpenTime()).isEqualTo(START);
        assertThat(s.getFee()).isEqualTo("0.001");
        assertThat(s.getCapital()).isEqualTo("1000");
        assertThat(s.getTotalReturn()).isEqualTo(want.getMetrics().getTotalReturn());
        assertThat(s.getBuyAndHoldReturn()).isEqualTo(want.getBuyAndHold().getTotalReturn());
        assertThat(new BigDecimal(s.getFinalEquity())).isEqualByComparingTo(new BigDecimal(want.getMetrics().getFinalEquity()));
    }

    @Test
    void aTa4jStrategyWithSlippageIsTheRunnersToo() {
        List<RunBacktestResponse> seen = run(RunBacktestRequest.newBuilder().setSymbol("BTC/USD").setTimeframe("1h")
                .setStrategy("momentum").setFee("0.002").setSlippageBps("5").build());
        io.tradingbots.api.v1.BacktestResult result = seen.get(seen.size() - 1).getResult();
        assertThat(result.toBuilder().clearSummary().build()).isEqualTo(expected("momentum", Map.of(), 0.002, 5));
        assertThat(result.getEngine()).isEqualTo("ta4j");
    }

    @Test
    void resultsAreListedNewestFirstAndFetchedInFull() {
        io.tradingbots.api.v1.BacktestResult first = lastResult(run(smaCross(10, 30).build()));
        io.tradingbots.api.v1.BacktestResult second = lastResult(run(smaCross(5, 50).setSlippageBps("2").build()));

        List<BacktestSummary> listed = stub().listBacktests(ListBacktestsRequest.getDefaultInstance()).getBacktestsList();
        assertThat(listed).containsExactly(second.getSummary(), first.getSummary());
        assertThat(stub().listBacktests(ListBacktestsRequest.newBuilder().setLimit(1).build()).getBacktestsList())
                .containsExactly(second.getSummary());

        assertThat(stub().getBacktest(GetBacktestRequest.newBuilder().setId(first.getSummary().getId()).build()).getResult())
                .isEqualTo(first);
        assertThat(stub().getBacktest(GetBacktestRequest.newBuilder().setId(second.getSummary().getId()).build()).getResult())
                .isEqualTo(second);
        assertThatThrownBy(() -> stub().getBacktest(GetBacktestRequest.newBuilder().setId("999").build()))
                .hasMessageContaining("NOT_FOUND").hasMessageContaining("no stored backtest 999");
        assertThatThrownBy(() -> stub().getBacktest(GetBacktestRequest.newBuilder().setId("abc").build()))
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("'abc' is not a number");
    }

    private static io.tradingbots.api.v1.BacktestResult lastResult(List<RunBacktestResponse> seen) {
        return seen.get(seen.size() - 1).getResult();
    }

    @Test
    void strategiesAreListedWithTheirParameters() {
        List<StrategyInfo> all = stub().listStrategies(ListStrategiesRequest.getDefaultInstance()).getStrategiesList();
        assertThat(all).extracting(StrategyInfo::getName).containsExactly("sma-cross", "scalp", "momentum", "arbitrage", "hedge");
        StrategyInfo sma = all.get(0);
        ParamInfo fast = sma.getParamsList().stream().filter(p -> p.getName().equals("fast")).findFirst().orElseThrow();
        assertThat(fast.getKind()).isEqualTo(ParamInfo.Kind.KIND_INTEGER);
        assertThat(fast.getDefaultValue()).isEqualTo(Strategies.registry().get("sma-cross").params().get(0).defaultValue());
        assertThat(new BigDecimal(fast.getMin())).isLessThan(new BigDecimal(fast.getMax()));
        assertThat(all.get(3).getNeedsSecondSeries()).isTrue();
        assertThat(all.get(4).getParamsList()).extracting(ParamInfo::getName).contains("base", "fast", "slow");
    }

    @Test
    void badInputIsInvalidArgumentWithAClearMessage() {
        assertRefused(smaCross(10, 30).setStrategy("martingale"), "unknown strategy 'martingale'");
        assertRefused(smaCross(10, 30).putParams("fsat", "3"), "unknown parameter 'fsat'");
        assertRefused(smaCross(30, 10), "fast");
        assertRefused(smaCross(10, 30).setFee("0.1"), "outside [0, 0.1)");
        assertRefused(smaCross(10, 30).setFee("-0.001"), "outside [0, 0.1)");
        assertRefused(smaCross(10, 30).setFee("ten"), "fee 'ten' is not a decimal number");
        assertRefused(smaCross(10, 30).setSymbol("btcusd"), "not BASE/QUOTE");
        assertRefused(smaCross(10, 30).setTimeframe("2h"), "unknown timeframe '2h'");
        assertRefused(smaCross(10, 30).setSymbol("ETH/USD"), "no ETH/USD 1h candles are stored");
        assertRefused(smaCross(10, 30).setFromTime(START + 10L * 365 * 86_400_000).setToTime(START + 11L * 365 * 86_400_000),
                "no import BTC/USD 1h candles in");
        assertRefused(smaCross(10, 30).setStrategy("arbitrage").clearParams(), "second_exchange");
        assertThat(stub().listBacktests(ListBacktestsRequest.getDefaultInstance()).getBacktestsList()).isEmpty();
        assertThatThrownBy(() -> BacktestServiceGrpc.newBlockingStub(channel).listStrategies(ListStrategiesRequest.getDefaultInstance()))
                .hasMessageContaining("UNAUTHENTICATED");
    }

    private void assertRefused(RunBacktestRequest.Builder r, String message) {
        assertThatThrownBy(() -> run(r.build()))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .hasMessageContaining(message);
    }

    @Test
    void aSecondRunWhileOneRunsIsRefusedAndCancellingStopsTheRunAndStoresNothing() throws Exception {
        gate = new CountDownLatch(1);
        List<RunBacktestResponse> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        AtomicReference<ClientCallStreamObserver<RunBacktestRequest>> call = new AtomicReference<>();
        BacktestServiceGrpc.newStub(channel).withCallCredentials(new BearerAuth(TOKEN)).runBacktest(smaCross(10, 30).build(),
                new ClientResponseObserver<RunBacktestRequest, RunBacktestResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<RunBacktestRequest> requestStream) {
                        call.set(requestStream);
                    }

                    @Override
                    public void onNext(RunBacktestResponse value) {
                        seen.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.set(t);
                    }

                    @Override
                    public void onCompleted() {
                        ended.set(new AssertionError("completed"));
                    }
                });
        await("the run loading").atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        assertThat(jobs.running()).isEqualTo(1);

        Iterator<RunBacktestResponse> other = stub().runBacktest(smaCross(5, 50).build());
        assertThatThrownBy(other::hasNext).hasMessageContaining("RESOURCE_EXHAUSTED").hasMessageContaining("try again when it ends");

        call.get().cancel("the operator changed their mind", null);
        // the cancel travels to the server on its own thread: open the gate once it has arrived, as an
        // operator's cancel arrives long before a real run's candles are loaded
        assertThat(serverSawCancel.await(5, TimeUnit.SECONDS)).isTrue();
        gate.countDown();
        await("the cancelled run to end").atMost(Duration.ofSeconds(5)).until(() -> jobs.running() == 0);
        assertThat(Status.fromThrowable(ended.get()).getCode()).isEqualTo(Status.Code.CANCELLED);
        assertThat(seen).noneMatch(RunBacktestResponse::hasResult);
        assertThat(stub().listBacktests(ListBacktestsRequest.getDefaultInstance()).getBacktestsList()).isEmpty();

        gate = null;
        assertThat(lastResult(run(smaCross(5, 50).build())).getSummary().getId()).isNotBlank();
    }

    @Test
    void aWalkForwardStreamsProgressThenTheResultWalkForwardGivesForTheSameRequest() {
        RunWalkForwardRequest r = RunWalkForwardRequest.newBuilder()
                .setBacktest(RunBacktestRequest.newBuilder().setSymbol("BTC/USD").setTimeframe("1h").setStrategy("sma-cross")
                        .setFee("0.001").setCapital("1000"))
                .addRanges("fast=5:15:5").addRanges("slow=20:40:10").setTrain(1_000).setTest(500).build();
        List<RunWalkForwardResponse> seen = new ArrayList<>();
        stub().runWalkForward(r).forEachRemaining(seen::add);

        assertThat(seen.get(0).hasProgress()).isTrue();
        WalkForwardResult result = seen.get(seen.size() - 1).getResult();
        Bars bars = Bars.of(candles.readColumns(KEY, new TimeRange(0, Long.MAX_VALUE / 2)));
        WalkForward.Result want = new WalkForward().run(
                BacktestRequest.of(bars, "sma-cross", Strategies.registry().resolve("sma-cross", Map.of()), 0.001, 1000, 0),
                new Sweep.Spec("sma-cross", Map.of(), List.of(ParamRange.parse("fast=5:15:5"), ParamRange.parse("slow=20:40:10")),
                        0, 0, "sharpe", 1),
                1_000, 500, f -> { }, () -> false);
        assertThat(result).isEqualTo(GrpcBacktestService.toProto(want));
        assertThat(result.getWindowsCount()).isEqualTo(4);
        assertThat(result.getWindows(0).getBestParamsMap()).containsKeys("fast", "slow");

        assertThatThrownBy(() -> stub().runWalkForward(r.toBuilder().setTrain(2_900).build()).forEachRemaining(m -> { }))
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("do not fit");
        assertThatThrownBy(() -> stub().runWalkForward(r.toBuilder().clearRanges().build()).hasNext())
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("at least one range");
        assertThatThrownBy(() -> stub().runWalkForward(r.toBuilder().setRankBy("luck").build()).hasNext())
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("unknown metric 'luck'");
    }
}
