package io.tradingbots.desktop.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingbots.desktop.Screenshots;
import io.tradingbots.desktop.Theme;
import io.tradingbots.desktop.Views;
import io.tradingbots.desktop.engine.EngineClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Performance view headless under Monocle against in-process Bot and Backtest services: two
 * bots' curves (one long enough to be downsampled) show, and a stored backtest is added to the
 * comparison with its buy-and-hold figure.
 */
class PerformanceIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int LONG = 20_000;

    private final FxRobot robot = new FxRobot();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private FakePerformance engine;
    private EngineClient client;
    private PerformanceViewModel model;
    private Stage stage;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakePerformance();
        double[] prices = new double[LONG];
        double[] equity = new double[LONG];
        for (int i = 0; i < LONG; i++) {
            prices[i] = Math.round((40_000 + 8_000 * Math.sin(i / 1_500.0) + i * 0.6) * 100) / 100.0;
            equity[i] = Math.round((5_000 + 600 * Math.sin(i / 900.0) + i * 0.05) * 100) / 100.0;
        }
        engine.addBot("sma-core", "SMA core", 42, "31.7", FakePerformance.csv(prices, equity));
        double[] flatPrices = new double[500];
        double[] flatEquity = new double[500];
        for (int i = 0; i < 500; i++) {
            flatPrices[i] = prices[i];
            flatEquity[i] = 3_000 - i * 0.4;
        }
        engine.addBot("scalp-eth", "ETH scalper", 9, "4.2", FakePerformance.csv(flatPrices, flatEquity));
        engine.store(FakePerformance.backtest("bt-7"));
        client = engine.client();
        model = new PerformanceViewModel(client.bots(), client.backtests(), background, Platform::runLater);
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Scene scene = new Scene(Views.load(new PerformanceController(model)), 1280, 800);
            scene.getStylesheets().setAll(Theme.DARK.stylesheets());
            s.setScene(scene);
            s.show();
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
        client.close();
        engine.close();
    }

    @Test
    void seeTheBotsCurvesAndCompareAStoredBacktest() throws Exception {
        robot.clickOn("#perfRefreshButton");
        await("both bots in the table").atMost(WAIT)
                .until(() -> cell("SMA core (BTC/USD 1h)") != null && cell("ETH scalper (BTC/USD 1h)") != null);
        assertThat(cell("20,000")).as("every point counted").isNotNull();
        assertThat(cell("42 fills")).isNotNull();
        LineChart<?, ?> returns = robot.lookup("#returnChart").queryAs(LineChart.class);
        assertThat(fx(() -> returns.getData().size())).isEqualTo(2);
        assertThat(fx(() -> returns.getData().get(0).getData().size())).as("downsampled").isBetween(1_900, Curves.MAX_POINTS);
        assertThat(fx(() -> returns.getData().get(1).getData().size())).as("short curves kept").isEqualTo(500);

        await("the stored backtest offered").atMost(WAIT).until(() -> fx(() -> model.selectedStoredProperty().get() != null));
        robot.clickOn("#compareButton");

        await("the backtest line").atMost(WAIT).until(() -> cell("sma-cross BTC/USD 1h [bt-7]") != null);
        assertThat(cell("+25.33%")).as("its buy-and-hold").isNotNull();
        assertThat(cell("18.75%")).isNotNull();
        LineChart<?, ?> drawdowns = robot.lookup("#drawdownChart").queryAs(LineChart.class);
        assertThat(fx(() -> drawdowns.getData().size())).isEqualTo(3);
        assertThat(fx(() -> ((Labeled) robot.lookup("#perfMessage").query()).getText())).isEmpty();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(stage.getScene(), Path.of("target", "screenshots", "performance.png"))).get();
    }

    private Node cell(String text) throws Exception {
        return fx(() -> robot.lookup("#comparisonTable .table-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst().orElse(null));
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }
}
