package io.tradingbots.desktop.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingbots.api.v1.BotEventKind;
import io.tradingbots.desktop.Screenshots;
import io.tradingbots.desktop.Theme;
import io.tradingbots.desktop.Views;
import io.tradingbots.desktop.engine.EngineClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Bots view headless under Monocle against an in-process BotService (the engine does not
 * serve one on this branch yet): live bots and events show, and Pause reaches the engine.
 */
class BotsViewIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FxRobot robot = new FxRobot();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private FakeBots engine;
    private EngineClient client;
    private BotsViewModel model;
    private Stage stage;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeBots();
        client = engine.client();
        model = new BotsViewModel(client.bots(), background, Platform::runLater, ZoneOffset.UTC);
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Scene scene = new Scene(Views.load(new BotsController(model)), 1280, 720);
            scene.getStylesheets().setAll(Theme.DARK.stylesheets());
            s.setScene(scene);
            s.show();
        });
        model.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        model.stop();
        FxToolkit.cleanupStages();
        background.shutdownNow();
        client.close();
        engine.close();
    }

    @Test
    void seeLiveBotsAndPauseOne() throws Exception {
        await("the bots").atMost(WAIT).until(() -> cell("#botsTable", "SMA core") != null && cell("#botsTable", "ETH scalper") != null);
        assertThat(cell("#botsTable", "+$10.25")).as("realised P&L rendered").isNotNull();
        await("the event stream").atMost(WAIT).until(() -> engine.watchers() == 1);

        robot.clickOn(cell("#botsTable", "SMA core"));
        engine.emit(BotsViewModelTest.event("sma-core", BotEventKind.BOT_EVENT_KIND_SIGNAL, "BUY signal: SMA(10) crossed above SMA(30)"));
        engine.emit(BotsViewModelTest.event("sma-core", BotEventKind.BOT_EVENT_KIND_FILL, "BUY 0.05 BTC/USD MARKET: FILLED at 52,000"));
        await("the live events").atMost(WAIT).until(() -> cell("#eventsTable", "BUY 0.05 BTC/USD MARKET: FILLED at 52,000") != null
                && cell("#eventsTable", "BUY signal: SMA(10) crossed above SMA(30)") != null);

        robot.clickOn("#pauseButton");

        await("Pause at the engine").atMost(WAIT).until(() -> engine.calls().contains("pause sma-core"));
        await("paused in the table").atMost(WAIT).until(() -> cell("#botsTable", "paused") != null);
        assertThat(fx(() -> robot.lookup("#pauseButton").query().isDisabled())).as("already paused").isTrue();
        assertThat(fx(() -> robot.lookup("#startButton").query().isDisabled())).isFalse();
        TableView<BotLine> table = robot.lookup("#botsTable").queryTableView();
        assertThat(fx(() -> table.getSelectionModel().getSelectedItem().id())).isEqualTo("sma-core");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(stage.getScene(), Path.of("target", "screenshots", "bots.png"))).get();
    }

    private Node cell(String table, String text) throws Exception {
        return fx(() -> robot.lookup(table + " .table-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst().orElse(null));
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }
}
