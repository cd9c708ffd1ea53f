package io.tradingbots.desktop.history;

import static io.tradingbots.api.v1.FetchProgress.State.STATE_CANCELLED;
import static io.tradingbots.api.v1.FetchProgress.State.STATE_RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.TimeRange;
import io.tradingbots.api.v1.WatchFetchResponse;
import io.tradingbots.desktop.engine.EngineClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The History view model against an in-process HistoryService, without the JavaFX toolkit. */
class HistoryViewModelTest {

    /** Engine calls and UI updates both run on the calling thread: the test sees their effect at once. */
    private static final Executor DIRECT = Runnable::run;
    private static final long HOUR = 3_600_000;

    private FakeHistory engine;
    private EngineClient client;
    private HistoryViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeHistory();
        client = engine.client();
        model = new HistoryViewModel(client.history(), DIRECT, DIRECT);
    }

    @AfterEach
    void tearDown() {
        model.stop();
        client.close();
        engine.close();
    }

    @Test
    void inventoryRowsAreMappedAndFormatted() {
        long first = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        engine.answerInventory(SeriesInventory.newBuilder().setExchange("binanceus").setSymbol("BTC/USD")
                .setTimeframe("1h").setCount(8_000).setFirstOpenTime(first).setLastOpenTime(first + 7_999 * HOUR)
                .addKnownGaps(range(first + HOUR, first + 3 * HOUR))
                .addMissing(range(first + 10 * HOUR, first + 11 * HOUR))
                .addMissing(range(first + 20 * HOUR, first + 22 * HOUR))
                .setStorageBytes(3 * 1024 * 1024 + 512 * 1024).build());

        model.refresh();

        assertThat(model.inventory()).containsExactly(new InventoryRow("binanceus", "BTC/USD", "1h",
                "2026-01-01 00:00", "2026-11-30 07:00", "8,000", "1 (2h 00m)", "2 (3h 00m)", "3.5 MB"));
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void progressMessagesUpdateTheJobRowAndCancelReachesTheEngine() throws Exception {
        model.symbolsProperty().set("BTC/USD, ETH/USD");
        model.timeframesProperty().set("1h 1d");
        model.fromProperty().set(LocalDate.of(2026, 1, 1));

        model.startFetch();

        assertThat(engine.lastStart().getSymbolsList()).containsExactly("BTC/USD", "ETH/USD");
        assertThat(engine.lastStart().getTimeframesList()).containsExactly("1h", "1d");
        assertThat(engine.lastStart().getFromTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(model.jobs()).singleElement().satisfies(row -> {
            assertThat(row.series()).isEqualTo("BTC/USD, ETH/USD · 1h, 1d");
            assertThat(row.state()).isEqualTo("starting");
        });

        StreamObserver<WatchFetchResponse> stream = engine.nextWatch();
        stream.onNext(FakeHistory.progress(STATE_RUNNING, 2_500, 10_000));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(model.jobs().get(0)).satisfies(row -> {
            assertThat(row.state()).isEqualTo("running");
            assertThat(row.progress()).isEqualTo(0.25);
            assertThat(row.percent()).isEqualTo("25%");
            assertThat(row.candles()).isEqualTo("2,500 / 10,000 (2,500 stored)");
            assertThat(row.rate()).isEqualTo("250/s");
            assertThat(row.eta()).isEqualTo("30s");
            assertThat(row.running()).isTrue();
        }));

        model.cancel(model.jobs().get(0));
        assertThat(engine.cancelled()).containsExactly("job-1");
        stream.onNext(FakeHistory.progress(STATE_CANCELLED, 2_600, 10_000));
        stream.onCompleted();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(model.jobs().get(0)).satisfies(row -> {
            assertThat(row.state()).isEqualTo("cancelled");
            assertThat(row.running()).isFalse();
        }));
    }

    @Test
    void brokenProgressStreamIsReopened() throws Exception {
        model.symbolsProperty().set("BTC/USD");
        model.fromProperty().set(LocalDate.of(2026, 1, 1));
        model.startFetch();

        engine.nextWatch().onError(Status.UNAVAILABLE.withDescription("engine restarting").asRuntimeException());
        StreamObserver<WatchFetchResponse> again = engine.nextWatch();
        assertThat(again).as("a second WatchFetch after the first broke").isNotNull();
        again.onNext(FakeHistory.progress(STATE_RUNNING, 5, 10));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(model.jobs().get(0).percent())
                .isEqualTo("50%"));
    }

    @Test
    void refusedStartFetchShowsTheEngineMessage() {
        engine.refuseStart(Status.INVALID_ARGUMENT.withDescription("unknown symbol DOGE/XYZ"));
        model.symbolsProperty().set("DOGE/XYZ");
        model.fromProperty().set(LocalDate.of(2026, 1, 1));

        model.startFetch();

        assertThat(model.messageProperty().get()).isEqualTo("unknown symbol DOGE/XYZ");
        assertThat(model.jobs()).isEmpty();
    }

    @Test
    void incompleteFormIsNotSent() {
        model.symbolsProperty().set(" ");
        model.fromProperty().set(LocalDate.of(2026, 1, 1));

        model.startFetch();

        assertThat(engine.lastStart()).isNull();
        assertThat(model.messageProperty().get()).contains("needs symbols");
    }

    private static TimeRange range(long from, long to) {
        return TimeRange.newBuilder().setFromTime(from).setToTime(to).build();
    }
}
