package io.tradingbots.desktop.backtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.RunBacktestResponse;
import io.tradingbots.desktop.engine.EngineClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Backtests view model against an in-process BacktestService, without the JavaFX toolkit. */
class BacktestsViewModelTest {

    /** Engine calls and UI updates both run on the calling thread: the test sees their effect at once. */
    private static final Executor DIRECT = Runnable::run;

    private FakeBacktests engine;
    private EngineClient client;
    private BacktestsViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeBacktests();
        client = engine.client();
        model = new BacktestsViewModel(client.backtests(), client.history(), DIRECT, DIRECT);
    }

    @AfterEach
    void tearDown() {
        model.stop();
        client.close();
        engine.close();
    }

    @Test
    void refreshFillsTheFormWithStoredSeriesStrategiesAndTheirParameters() {
        model.refresh();

        assertThat(model.series()).singleElement().satisfies(s -> {
            assertThat(s.toString()).isEqualTo("BTC/USD 1h · binanceus (8,760 candles)");
            assertThat(s.exchange()).isEqualTo("binanceus");
        });
        assertThat(model.selectedSeriesProperty().get()).isEqualTo(model.series().get(0));
        assertThat(model.strategyNames()).containsExactly("sma-cross", "momentum");
        assertThat(model.strategyProperty().get()).isEqualTo("sma-cross");
        assertThat(model.params()).extracting(ParamField::name).containsExactly("fast", "slow");
        assertThat(model.params().get(0).valueProperty().get()).isEqualTo("10");
        assertThat(model.params().get(0).hint()).isEqualTo("default 10, 2..500");

        model.strategyProperty().set("momentum");
        assertThat(model.params()).extracting(ParamField::name).containsExactly("ema");
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void aRunSendsTheFormShowsItsProgressThenTheResultNextToBuyAndHold() throws Exception {
        model.refresh();
        model.params().get(0).valueProperty().set("12");
        model.feeProperty().set("0.002");
        model.slippageProperty().set("5");
        model.fromProperty().set(LocalDate.of(2024, 1, 1));
        model.toProperty().set(LocalDate.of(2024, 12, 31));

        model.run();

        RunBacktestRequest sent = engine.requests().get(0);
        assertThat(sent.getExchange()).isEqualTo("binanceus");
        assertThat(sent.getSymbol()).isEqualTo("BTC/USD");
        assertThat(sent.getTimeframe()).isEqualTo("1h");
        assertThat(sent.getStrategy()).isEqualTo("sma-cross");
        assertThat(sent.getParamsMap()).as("only changed values; the engine fills in defaults").isEqualTo(Map.of("fast", "12"));
        assertThat(sent.getFee()).isEqualTo("0.002");
        assertThat(sent.getCapital()).isEqualTo("1000");
        assertThat(sent.getSlippageBps()).isEqualTo("5");
        assertThat(sent.getFromTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
        assertThat(sent.getToTime()).as("the last day is included").isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        assertThat(model.runningProperty().get()).isTrue();

        ServerCallStreamObserver<RunBacktestResponse> run = engine.nextRun();
        run.onNext(FakeBacktests.progress(BacktestProgress.Stage.STAGE_LOADING, 0));
        assertThat(model.statusProperty().get()).isEqualTo("loading candles…");
        run.onNext(FakeBacktests.progress(BacktestProgress.Stage.STAGE_RUNNING, 0.4));
        assertThat(model.progressProperty().get()).isEqualTo(0.4);
        assertThat(model.statusProperty().get()).isEqualTo("running 8,760 bars… 40%");

        engine.store(FakeBacktests.sampleResult("7"));
        run.onNext(RunBacktestResponse.newBuilder().setResult(FakeBacktests.sampleResult("7")).build());
        run.onCompleted();

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.metrics()).contains(
                new MetricRow("Final equity", "$958.80", "$1,253.30", false, false),
                new MetricRow("Total return", "-4.12%", "+25.33%", true, false),
                new MetricRow("Max drawdown", "-18.75%", "-22.10%", false, false),
                new MetricRow("Sharpe", "-0.31", "0.95", true, false),
                new MetricRow("Win rate", "33.33%", "—", false, false),
                new MetricRow("Trades", "3", "1", false, false),
                new MetricRow("Fees paid", "$5.99", "$1.00", false, false));
        assertThat(model.trades()).hasSize(3);
        assertThat(model.trades().get(0)).isEqualTo(new TradeRow(1, "2024-01-05 04:00", "$42,000.50", "2024-01-13 12:00",
                "$44,100.25", "0.0237", "+$48.12", "$2.00", false));
        assertThat(model.trades().get(1).profit()).isEqualTo("-$70.30");
        assertThat(model.trades().get(1).loss()).isTrue();
        assertThat(model.curve()).hasSize(500);
        assertThat(model.curve().get(0)).isEqualTo(new BacktestsViewModel.Point(FakeBacktests.START, 1000.0));
        assertThat(model.resultTitleProperty().get()).startsWith("#7  sma-cross fast=12 slow=30  on BTC/USD 1h · binanceus");
        assertThat(model.stored()).extracting(StoredRow::id).containsExactly("7");
    }

    @Test
    void cancelStopsTheRunInTheEngine() throws Exception {
        model.refresh();
        model.run();
        ServerCallStreamObserver<RunBacktestResponse> run = engine.nextRun();
        run.onNext(FakeBacktests.progress(BacktestProgress.Stage.STAGE_RUNNING, 0.2));

        model.cancel();

        await("the engine sees the cancellation").atMost(Duration.ofSeconds(5)).until(() -> engine.cancelled() == 1);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("cancelled");
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.metrics()).isEmpty();
    }

    @Test
    void aRefusalShowsTheEnginesWordsAndEndsTheRun() {
        model.refresh();
        engine.refuseRuns(Status.INVALID_ARGUMENT.withDescription("sma-cross: fast (30) must be below slow (30)"));

        model.run();

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("sma-cross: fast (30) must be below slow (30)");
    }

    @Test
    void storedResultsAreListedAndOpenInFull() {
        engine.store(FakeBacktests.sampleResult("3"));
        model.refresh();

        assertThat(model.stored()).singleElement().satisfies(row -> {
            assertThat(row.strategy()).isEqualTo("sma-cross fast=12 slow=30");
            assertThat(row.totalReturn()).isEqualTo("-4.12%");
            assertThat(row.buyAndHold()).isEqualTo("+25.33%");
            assertThat(row.maxDrawdown()).isEqualTo("-18.75%");
            assertThat(row.loss()).isTrue();
            assertThat(row.beatsHold()).isFalse();
        });

        model.open(model.stored().get(0));

        assertThat(model.resultTitleProperty().get()).startsWith("#3  sma-cross");
        assertThat(model.trades()).hasSize(3);
        assertThat(model.curve()).hasSize(500);
    }
}
