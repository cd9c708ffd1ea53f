package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.TradingMode;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.engine.bot.BotStatus;
import io.tradingbots.engine.bot.BotView;
import io.tradingbots.engine.health.HealthView;
import io.tradingbots.engine.market.PriceView;
import io.tradingbots.engine.portfolio.PortfolioView;
import io.tradingbots.engine.state.StateHub;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.ApiVersion;
import io.tradingbots.shared.BearerAuth;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineApiTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");

    private final StateHub hub = new StateHub();
    private final ExecutorService streams = Executors.newFixedThreadPool(2);
    private ApiServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        EngineFacts facts = new EngineFacts("1.2.3", "abc1234", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"), TradingMode.TRADING_MODE_PAPER, "simulated (seed 1, 60x)", "/data", 99);
        server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN,
                List.of(new GrpcEngineService(facts, hub, streams))).start();
        server.markServing();
        channel = InProcessChannelBuilder.forName(name).build();
        hub.updateBot(bot("300"));
        hub.updatePrice(price("BTC/USD", "65000.5"));
        hub.updatePortfolio(new PortfolioView(BigDecimal.valueOf(1000), BigDecimal.valueOf(1000), BigDecimal.valueOf(1000),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.valueOf(1000)));
        hub.updateHealth(new HealthView(HealthView.Status.OK, "", 1, 1, 2, 3, 0.1, 5, 0, "running"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        server.close();
        streams.shutdownNow();
    }

    private static BotView bot(String equity) {
        BigDecimal e = new BigDecimal(equity);
        return new BotView("sma-core", "Core", "sma-cross(fast=10, slow=30)", "BTC/USD", "5m", BotStatus.RUNNING, "",
                BigDecimal.valueOf(30), BigDecimal.valueOf(300), e, BigDecimal.ZERO, e, BigDecimal.ZERO, 0, 0, "HOLD");
    }

    private static PriceView price(String symbol, String p) {
        return new PriceView(symbol, new BigDecimal(p), 1_000, null);
    }

    private EngineServiceGrpc.EngineServiceBlockingStub authed() {
        return EngineServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN));
    }

    @Test
    void getInfoReportsTheEngineFacts() {
        GetInfoResponse info = authed().getInfo(GetInfoRequest.getDefaultInstance());
        assertThat(info.getVersion()).isEqualTo("1.2.3");
        assertThat(info.getGitCommit()).isEqualTo("abc1234");
        assertThat(info.getMode()).isEqualTo(TradingMode.TRADING_MODE_PAPER);
        assertThat(info.getMarketSource()).startsWith("simulated");
        assertThat(info.getApiVersion()).isEqualTo(ApiVersion.CURRENT);
        assertThat(info.getStartTime().getSeconds()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z").getEpochSecond());
    }

    @Test
    void callsWithoutOrWithAWrongTokenAreUnauthenticated() {
        var bare = EngineServiceGrpc.newBlockingStub(channel);
        assertThatThrownBy(() -> bare.getInfo(GetInfoRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).contains("authorization: Bearer");
                });
        var wrong = bare.withCallCredentials(new BearerAuth(ApiToken.of("wrong-token-0123456789abcdef")));
        assertThatThrownBy(() -> wrong.getInfo(GetInfoRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).doesNotContain(TOKEN.reveal());
                });
        assertThatThrownBy(() -> wrong.watchState(WatchStateRequest.getDefaultInstance()).hasNext())
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void healthAndReflectionNeedNoToken() throws InterruptedException {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        HealthCheckResponse engine = HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.newBuilder().setService("tradingbots.v1.EngineService").build());
        assertThat(engine.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

        List<String> names = new CopyOnWriteArrayList<>();
        var done = new java.util.concurrent.CountDownLatch(1);
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse r) {
                        r.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).forEach(names::add);
                        done.countDown();
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {}
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        requests.onCompleted();
        assertThat(names).contains("tradingbots.v1.EngineService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
    }

    @Test
    void watchStateSendsASnapshotThenOnlyWhatChanged() {
        var stream = authed().withDeadlineAfter(10, TimeUnit.SECONDS).watchState(WatchStateRequest.getDefaultInstance());
        WatchStateResponse first = stream.next();
        assertThat(first.getSnapshot()).isTrue();
        assertThat(first.getSequence()).isEqualTo(1);
        assertThat(first.getBotsList()).extracting(b -> b.getId()).containsExactly("sma-core");
        assertThat(first.getBots(0).getEquity()).isEqualTo("300");
        assertThat(first.getBots(0).getStatus()).isEqualTo(io.tradingbots.api.v1.BotStatus.BOT_STATUS_RUNNING);
        assertThat(first.getPricesList()).extracting(p -> p.getPrice()).containsExactly("65000.5");
        assertThat(first.hasPortfolio()).isTrue();
        assertThat(first.getPortfolio().getEquity()).isEqualTo("1000");
        assertThat(first.hasHealth()).isTrue();

        hub.updatePrice(price("ETH/USD", "3400.25"));
        WatchStateResponse second = stream.next();
        assertThat(second.getSnapshot()).isFalse();
        assertThat(second.getSequence()).isEqualTo(2);
        assertThat(second.getBotsList()).isEmpty();
        assertThat(second.hasPortfolio()).isFalse();
        assertThat(second.getPricesList()).extracting(p -> p.getSymbol() + "=" + p.getPrice()).containsExactly("ETH/USD=3400.25");

        hub.updateBot(bot("310.5"));
        WatchStateResponse third = stream.next();
        assertThat(third.getBotsList()).extracting(b -> b.getEquity()).containsExactly("310.5");
        assertThat(third.getPricesList()).isEmpty();
    }

    @Test
    void aStalledClientGetsTheLatestValuesNotABacklog() {
        List<WatchStateResponse> received = new CopyOnWriteArrayList<>();
        var observer = new ClientResponseObserver<WatchStateRequest, WatchStateResponse>() {
            ClientCallStreamObserver<WatchStateRequest> call;

            @Override
            public void beforeStart(ClientCallStreamObserver<WatchStateRequest> requestStream) {
                call = requestStream;
                requestStream.disableAutoRequestWithInitial(1); // take the snapshot, then stop reading
            }

            @Override
            public void onNext(WatchStateResponse value) {
                received.add(value);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        };
        EngineServiceGrpc.newStub(channel).withCallCredentials(new BearerAuth(TOKEN))
                .watchState(WatchStateRequest.getDefaultInstance(), observer);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);

        int updates = 100_000;
        for (int i = 1; i <= updates; i++) {
            hub.updatePrice(price(i % 2 == 0 ? "BTC/USD" : "ETH/USD", Integer.toString(i)));
        }
        observer.call.request(Integer.MAX_VALUE); // reading again
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
                .flatMap(m -> m.getPricesList().stream())
                .anyMatch(p -> p.getSymbol().equals("BTC/USD") && p.getPrice().equals(Integer.toString(updates))));
        assertThat(received.size()).as("messages after %d updates to a stalled client", updates).isLessThan(10);
        String lastEth = received.stream().flatMap(m -> m.getPricesList().stream())
                .filter(p -> p.getSymbol().equals("ETH/USD")).reduce((a, b) -> b).orElseThrow().getPrice();
        assertThat(lastEth).isEqualTo(Integer.toString(updates - 1));
    }
}
