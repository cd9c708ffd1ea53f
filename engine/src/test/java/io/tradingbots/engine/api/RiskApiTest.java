package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.GetLimitsRequest;
import io.tradingbots.api.v1.GetRiskRequest;
import io.tradingbots.api.v1.HaltKind;
import io.tradingbots.api.v1.HaltTradingRequest;
import io.tradingbots.api.v1.HaltTradingResponse;
import io.tradingbots.api.v1.ResumeTradingRequest;
import io.tradingbots.api.v1.RiskServiceGrpc;
import io.tradingbots.api.v1.RiskState;
import io.tradingbots.api.v1.SetLimitsRequest;
import io.tradingbots.api.v1.SetLimitsResponse;
import io.tradingbots.api.v1.WatchRiskRequest;
import io.tradingbots.api.v1.WatchRiskResponse;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.risk.BotAccount;
import io.tradingbots.engine.risk.DbRiskStore;
import io.tradingbots.engine.risk.OrderRequest;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import io.tradingbots.shared.DaemonThreads;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RiskService behind the engine's own authentication and error mapping, on a real (in-memory) database. */
class RiskApiTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");

    private Database db;
    private RiskManager risk;
    private ApiServer server;
    private ManagedChannel channel;
    private ScheduledExecutorService ticker;
    private final List<OrderRequest> flattened = new CopyOnWriteArrayList<>();
    private RiskServiceGrpc.RiskServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        db = Database.inMemory("risk-api-" + System.nanoTime());
        risk = new RiskManager(RiskLimits.defaults(), new DbRiskStore(db), Clock.systemUTC());
        risk.updateMark("BTC/USD", new BigDecimal("50000"));
        risk.updateAccounts(List.of(BotAccount.of("sma-core", new BigDecimal("700"), "BTC/USD", new BigDecimal("0.006"))));
        ticker = DaemonThreads.scheduler("risk-watch-test");
        String name = InProcessServerBuilder.generateName();
        server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN,
                List.of(new GrpcRiskService(risk, flattened::addAll, ticker))).start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = RiskServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        server.close();
        ticker.shutdownNow();
        db.close();
    }

    @Test
    void getRiskShowsEquityExposureAndTheDayAgainstTheLimit() {
        risk.updateMark("BTC/USD", new BigDecimal("45000"));
        RiskState s = stub.getRisk(GetRiskRequest.getDefaultInstance()).getState();
        assertThat(s.getDayStartEquity()).isEqualTo("1000");
        assertThat(s.getEquity()).isEqualTo("970");
        assertThat(s.getDailyPnl()).isEqualTo("-30");
        assertThat(s.getDailyLossPercent()).isEqualTo("3");
        assertThat(s.getLimitUsedPercent()).isEqualTo("30");
        assertThat(s.getCoins(0).getCoin()).isEqualTo("BTC");
        assertThat(s.getCoins(0).getExposure()).isEqualTo("270");
        assertThat(s.getBots(0).getDrawdownPercent()).isEqualTo("3");
        assertThat(s.getHalted()).isFalse();
        assertThat(s.getLimits().getDailyLossPercent()).isEqualTo("10");
    }

    @Test
    void haltAndResumeNeedReasonsAndTheHaltFlattensWhenAsked() {
        assertThat(codeOf(() -> stub.haltTrading(HaltTradingRequest.newBuilder().setRequestedBy("alice").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        HaltTradingResponse h = stub.haltTrading(HaltTradingRequest.newBuilder().setReason("exchange maintenance")
                .setRequestedBy("alice").setFlatten(true).build());
        assertThat(h.getFlattenOrders()).isEqualTo(1);
        assertThat(flattened).extracting(o -> o.side() + " " + o.quantity().toPlainString()).containsExactly("SELL 0.006");
        assertThat(h.getState().getHalt().getKind()).isEqualTo(HaltKind.HALT_KIND_MANUAL);
        assertThat(h.getState().getHalt().getHaltedBy()).isEqualTo("alice");
        assertThat(h.getState().getEntriesBlocked()).contains("exchange maintenance");

        StatusRuntimeException noReason = catchStatus(() -> stub.resumeTrading(ResumeTradingRequest.newBuilder().setRequestedBy("alice").build()));
        assertThat(noReason.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(noReason.getStatus().getDescription()).isEqualTo("a resume needs a reason: say why trading may start again");
        assertThat(stub.resumeTrading(ResumeTradingRequest.newBuilder().setReason("maintenance over").setRequestedBy("alice").build())
                .getState().getHalted()).isFalse();
        assertThat(codeOf(() -> stub.resumeTrading(ResumeTradingRequest.newBuilder().setReason("again").build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void setLimitsValidatesAuditsAndRefusesRaisingWhileHalted() {
        var limits = stub.getLimits(GetLimitsRequest.getDefaultInstance()).getLimits();
        StatusRuntimeException bad = catchStatus(() -> stub.setLimits(SetLimitsRequest.newBuilder()
                .setLimits(limits.toBuilder().setEntryBufferPercent("12")).setRequestedBy("bob").build()));
        assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(bad.getStatus().getDescription()).startsWith("the entry buffer (12%) must be smaller than the daily loss limit (10%)");
        assertThat(catchStatus(() -> stub.setLimits(SetLimitsRequest.newBuilder()
                .setLimits(limits.toBuilder().setDailyLossPercent("-3")).build())).getStatus().getDescription())
                .isEqualTo("daily loss limit cannot be negative, got -3%");
        assertThat(catchStatus(() -> stub.setLimits(SetLimitsRequest.newBuilder()
                .setLimits(limits.toBuilder().setMaxOrderNotional("lots")).build())).getStatus().getDescription())
                .isEqualTo("limits.max_order_notional: 'lots' is not a decimal number");

        SetLimitsResponse ok = stub.setLimits(SetLimitsRequest.newBuilder().setLimits(limits.toBuilder().setDailyLossPercent("8"))
                .setRequestedBy("bob").build());
        assertThat(ok.getChangesList()).extracting(c -> c.getChangedBy() + " " + c.getLimit() + " " + c.getOldValue() + "→" + c.getNewValue())
                .containsExactly("bob daily_loss_percent 10→8");
        assertThat(stub.getLimits(GetLimitsRequest.getDefaultInstance()).getRecentChanges(0).getNewValue()).isEqualTo("8");

        stub.haltTrading(HaltTradingRequest.newBuilder().setReason("review").setRequestedBy("alice").build());
        StatusRuntimeException raise = catchStatus(() -> stub.setLimits(SetLimitsRequest.newBuilder()
                .setLimits(limits.toBuilder().setDailyLossPercent("12")).setRequestedBy("bob").build()));
        assertThat(raise.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(raise.getStatus().getDescription()).isEqualTo("trading is halted, so limits may only be tightened; resume first to raise"
                + " daily loss limit 8% → 12%, entries stop at 6% → 10% of loss");
        assertThatThrownBy(() -> RiskServiceGrpc.newBlockingStub(channel).getRisk(GetRiskRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void watchRiskStreamsTheLatestPictureAtTheAskedInterval() throws Exception {
        List<WatchRiskResponse> got = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        RiskServiceGrpc.newStub(channel).withCallCredentials(new BearerAuth(TOKEN))
                .watchRisk(WatchRiskRequest.newBuilder().setIntervalMs(100).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(WatchRiskResponse m) {
                        got.add(m);
                        if (got.size() == 1) {
                            risk.halt("watch test", "carol", false);
                        }
                        three.countDown();
                    }

                    @Override
                    public void onError(Throwable t) {}

                    @Override
                    public void onCompleted() {}
                });
        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(got.get(0).getSequence()).isEqualTo(1);
        assertThat(got.get(0).getState().getEquity()).isEqualTo("1000");
        assertThat(got.get(2).getState().getHalted()).isTrue();
        assertThat(got.get(2).getState().getHalt().getReason()).isEqualTo("watch test");
        assertThat(codeOf(() -> RiskServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN))
                .watchRisk(WatchRiskRequest.newBuilder().setIntervalMs(5).build()).hasNext())).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    private static StatusRuntimeException catchStatus(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
