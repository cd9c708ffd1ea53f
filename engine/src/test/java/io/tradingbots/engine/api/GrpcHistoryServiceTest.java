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
import io.tradingbots.api.v1.CancelFetchRequest;
import io.tradingbots.api.v1.FetchProgress;
import io.tradingbots.api.v1.GetInventoryRequest;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.StartFetchRequest;
import io.tradingbots.api.v1.WatchFetchRequest;
import io.tradingbots.api.v1.WatchFetchResponse;
import io.tradingbots.shared.DaemonThreads;
import io.tradingbots.engine.bench.FakeBinanceUs;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.history.CandleHistory;
import io.tradingbots.engine.history.CandleStore;
import io.tradingbots.engine.history.FetchJobs;
import io.tradingbots.engine.history.XChangeBinanceUsMarketData;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcHistoryServiceTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");
    private static final long DAY = 86_400_000L;

    private FakeBinanceUs fake;
    private Database db;
    private FetchJobs jobs;
    private ApiServer server;
    private ManagedChannel channel;
    private final ScheduledExecutorService ticker = DaemonThreads.scheduler("history-watch-test");
    private long to;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBinanceUs(6_000, 1_000, 0);
        db = Database.inMemory("grpc-history-" + System.nanoTime());
        jobs = new FetchJobs(new CandleHistory(new CandleStore(db)), used -> new XChangeBinanceUsMarketData(fake.url(), 2_000, used), 0.95);
        String name = InProcessServerBuilder.generateName();
        server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN, List.of(new GrpcHistoryService(() -> jobs, ticker))).start();
        server.markServing();
        channel = InProcessChannelBuilder.forName(name).build();
        to = Timeframe.D1.floor(System.currentTimeMillis());
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        server.close();
        jobs.close();
        ticker.shutdownNow();
        fake.close();
        db.close();
    }

    private HistoryServiceGrpc.HistoryServiceBlockingStub stub() {
        return HistoryServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN));
    }

    private String startFetch(long from) {
        return stub().startFetch(StartFetchRequest.newBuilder().addSymbols("BTC/USD").addTimeframes("1m").addTimeframes("1h")
                .setFromTime(from).setToTime(to).build()).getJobId();
    }

    @Test
    void aFetchStartedOverTheApiStreamsItsProgressToDoneAndShowsInTheInventory() {
        String id = startFetch(to - 3 * DAY);
        List<FetchProgress> seen = new ArrayList<>();
        Iterator<WatchFetchResponse> it = stub().watchFetch(WatchFetchRequest.newBuilder().setJobId(id).build());
        it.forEachRemaining(r -> seen.add(r.getProgress()));
        FetchProgress last = seen.get(seen.size() - 1);
        assertThat(last.getState()).isEqualTo(FetchProgress.State.STATE_DONE);
        assertThat(last.getDoneCandles()).isEqualTo(last.getTotalCandles()).isEqualTo(3 * 1_440 + 3 * 24);
        assertThat(last.getStoredCandles()).isEqualTo(3 * 1_440 + 3 * 24);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).getDoneCandles()).isGreaterThanOrEqualTo(seen.get(i - 1).getDoneCandles());
        }
        List<SeriesInventory> inv = stub().getInventory(GetInventoryRequest.newBuilder().setSymbol("BTC/USD").build()).getSeriesList();
        assertThat(inv).extracting(SeriesInventory::getTimeframe).containsExactlyInAnyOrder("1m", "1h");
        SeriesInventory m1 = inv.stream().filter(s -> s.getTimeframe().equals("1m")).findFirst().orElseThrow();
        assertThat(m1.getCount()).isEqualTo(3 * 1_440);
        assertThat(m1.getFirstOpenTime()).isEqualTo(to - 3 * DAY);
        assertThat(m1.getMissingCount()).isZero();
        assertThat(m1.getStorageBytes()).isPositive();
    }

    @Test
    void badRequestsAreInvalidArgumentAndUnknownJobsNotFound() {
        assertThatThrownBy(() -> stub().startFetch(StartFetchRequest.newBuilder().addSymbols("DOGE/USD").addTimeframes("1m")
                .setFromTime(to - DAY).setToTime(to).build()))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .hasMessageContaining("DOGE/USD is not listed");
        assertThatThrownBy(() -> stub().startFetch(StartFetchRequest.newBuilder().addSymbols("BTC/USD").addTimeframes("2h")
                .setFromTime(to - DAY).build())).hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("unknown timeframe '2h'");
        assertThatThrownBy(() -> stub().cancelFetch(CancelFetchRequest.newBuilder().setJobId("fetch-99").build()))
                .hasMessageContaining("NOT_FOUND").hasMessageContaining("fetch-99");
    }

    @Test
    void aCancelledFetchEndsItsWatchersWithCancelledAndAStalledWatcherGetsOnlyTheLatest() {
        fake.slowMs = 100;
        String id = startFetch(to - 60 * DAY);
        List<WatchFetchResponse> got = new CopyOnWriteArrayList<>();
        AtomicBoolean completed = new AtomicBoolean();
        ClientCallStreamObserver<?>[] call = {null};
        HistoryServiceGrpc.newStub(channel).withCallCredentials(new BearerAuth(TOKEN)).watchFetch(
                WatchFetchRequest.newBuilder().setJobId(id).build(),
                new ClientResponseObserver<WatchFetchRequest, WatchFetchResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<WatchFetchRequest> c) {
                        call[0] = c;
                        c.disableAutoRequestWithInitial(1); // reads one message, then stalls
                    }

                    @Override
                    public void onNext(WatchFetchResponse value) {
                        got.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {}

                    @Override
                    public void onCompleted() {
                        completed.set(true);
                    }
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 1 && fake.klinesCalls.get() >= 5);
        stub().cancelFetch(CancelFetchRequest.newBuilder().setJobId(id).build());
        call[0].request(100);
        await().atMost(Duration.ofSeconds(10)).untilTrue(completed);
        FetchProgress last = got.get(got.size() - 1).getProgress();
        assertThat(last.getState()).isEqualTo(FetchProgress.State.STATE_CANCELLED);
        assertThat(last.getMessage()).contains("run the same fetch again");
        assertThat(got.size()).as("a stalled watcher is not sent a backlog").isLessThanOrEqualTo(3);
    }
}
