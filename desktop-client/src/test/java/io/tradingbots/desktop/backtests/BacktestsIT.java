package io.tradingbots.desktop.backtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.stub.ServerCallStreamObserver;
import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.RunBacktestResponse;
import io.tradingbots.api.v1.RunWalkForwardResponse;
import io.tradingbots.desktop.Screenshots;
import io.tradingbots.desktop.Theme;
import io.tradingbots.desktop.Views;
import io.tradingbots.desktop.engine.EngineClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Backtests view headless under Monocle against an in-process BacktestService: the form is
 * filled from the engine, Run sends it, the progress bar follows the stream, and the result shows
 * its metrics next to buy-and-hold (the loss in the negative colour), the equity curve and the trades.
 */
class BacktestsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FxRobot robot = new FxRobot();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private FakeBacktests engine;
    private EngineClient client;
    private Stage stage;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeBacktests();
        client = engine.client();
        BacktestsViewModel model = new BacktestsViewModel(client.backtests(), client.history(), background, Platform::runLater);
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Scene scene = new Scene(Views.load(new BacktestsController(model)), 1280, 800);
            scene.getStylesheets().setAll(Theme.DARK.stylesheets());
            s.setScene(scene);
            s.show();
        });
        model.refresh();
        await("the form filled from the engine").atMost(WAIT).until(() ->
                robot.lookup("#seriesChoice").queryAs(ChoiceBox.class).getValue() != null
                        && robot.lookup("#param-fast").tryQuery().isPresent());
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
        client.close();
        engine.close();
    }

    @Test
    void runningABacktestShowsItsProgressThenTheResult() throws Exception {
        robot.interact(() -> robot.lookup("#param-fast").queryAs(TextField.class).setText("12"));
        robot.clickOn("#backtestRunButton");

        ServerCallStreamObserver<RunBacktestResponse> run = engine.nextRun();
        assertThat(run).as("RunBacktest reached the engine").isNotNull();
        assertThat(engine.requests().get(0).getParamsMap()).isEqualTo(Map.of("fast", "12"));
        run.onNext(FakeBacktests.progress(BacktestProgress.Stage.STAGE_RUNNING, 0.4));
        await("the progress bar").atMost(WAIT).until(() -> {
            ProgressBar bar = robot.lookup("#runProgress").queryAs(ProgressBar.class);
            return bar.isVisible() && bar.getProgress() == 0.4
                    && robot.lookup("#runStatus").queryLabeled().getText().equals("running 8,760 bars… 40%");
        });
        assertThat(robot.lookup("#backtestRunButton").queryButton().isDisabled()).isTrue();

        engine.store(FakeBacktests.sampleResult("7"));
        run.onNext(RunBacktestResponse.newBuilder().setResult(FakeBacktests.sampleResult("7")).build());
        run.onCompleted();

        // Table cells are recycled as rows update, so the cell is looked up and checked in one go.
        await("the metrics, the loss shown in the negative colour").atMost(WAIT).until(() ->
                robot.lookup("#metricsTable .table-cell").queryAllAs(Labeled.class).stream()
                        .anyMatch(c -> "-4.12%".equals(c.getText()) && c.getStyleClass().contains("loss")));
        await("a gain shown without the loss colour").atMost(WAIT).until(() ->
                robot.lookup("#metricsTable .table-cell").queryAllAs(Labeled.class).stream()
                        .anyMatch(c -> "+25.33%".equals(c.getText()) && !c.getStyleClass().contains("loss")));
        assertThat(robot.lookup("#tradesTable").queryAs(TableView.class).getItems()).hasSize(3);
        await("the stored result").atMost(WAIT).until(() ->
                robot.lookup("#storedTable").queryAs(TableView.class).getItems().size() == 1);
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#equityChart").queryAs(LineChart.class);
        assertThat(chart.getData()).singleElement().satisfies(s -> assertThat(s.getData()).hasSize(500));
        assertThat(robot.lookup("#backtestRunButton").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#runProgress").queryAs(ProgressBar.class).isVisible()).isFalse();

        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(stage.getScene(),
                Path.of("target", "screenshots", "backtests.png"))).get();
    }

    @Test
    void aWalkForwardShowsEveryWindowAndTheEnginesFlags() throws Exception {
        robot.interact(() -> robot.lookup("#wfRangesField").queryAs(TextField.class).setText("fast=5:50:5 slow=20:200:10"));
        robot.interact(() -> robot.lookup("#wfTrainField").queryAs(TextField.class).setText("1000"));
        robot.clickOn("#wfRunButton");

        ServerCallStreamObserver<RunWalkForwardResponse> run = engine.nextWalkForward();
        assertThat(run).as("RunWalkForward reached the engine").isNotNull();
        assertThat(engine.walkForwardRequests().get(0).getRangesList()).containsExactly("fast=5:50:5", "slow=20:200:10");
        assertThat(robot.lookup("#backtestRunButton").queryButton().isDisabled()).as("one run slot").isTrue();
        run.onNext(RunWalkForwardResponse.newBuilder().setResult(WalkForwardViewModelTest.result()).build());
        run.onCompleted();

        await("the windows, the flagged one in the negative colour").atMost(WAIT).until(() ->
                robot.lookup("#wfTable .table-cell").queryAllAs(Labeled.class).stream()
                        .anyMatch(c -> "LOSES TO HOLD COLLAPSES".equals(c.getText()) && c.getStyleClass().contains("loss")));
        assertThat(robot.lookup("#wfTable").queryAs(TableView.class).getItems()).hasSize(2);
        assertThat(robot.lookup("#wfVerdict").queryLabeled().getText()).startsWith("LOSES TO HOLD");
        assertThat(robot.lookup("#backtestRunButton").queryButton().isDisabled()).isFalse();

        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(stage.getScene(),
                Path.of("target", "screenshots", "walk-forward.png"))).get();
    }
}
