package io.tradingbots.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingbots.desktop.risk.RiskController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Halt trading from the Risk tab against the real engine (tb-engine.jar on 127.0.0.1, simulated
 * market), headless under Monocle: a reason is required, the engine's halt shows with it, raising
 * a limit while halted is refused in the engine's words, and Resume (with a reason) ends it. The
 * Bots tab then lists the engine's five bots (the default plan).
 */
class RiskHaltIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final FxRobot robot = new FxRobot();
    private Path workDir;
    private EngineProcess engine;
    private Application app;
    private Stage stage;

    @BeforeEach
    void start() throws Exception {
        workDir = Files.createTempDirectory("tb-risk-it-");
        engine = EngineProcess.start(workDir);
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(DesktopApp.class, "--config", workDir.resolve("desktop.properties").toString(),
                "--theme", "dark", "--host", "127.0.0.1:" + engine.port(),
                "--token-file", engine.dataDir().resolve("api-token").toString(), "--connect");
        await("the dashboard").atMost(WAIT).until(() -> robot.lookup("#botsTable").tryQuery().isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        if (engine != null) {
            engine.close();
        }
        try (Stream<Path> paths = Files.walk(workDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void haltWithAReasonThenResume() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await("the live risk picture").atMost(WAIT).until(() -> robot.lookup("#haltState").tryQuery().isPresent()
                && text("#haltState").equals("TRADING"));
        assertThat(text("#equityLabel")).startsWith("$");
        assertThat(fx(() -> robot.lookup("#resumeButton").query().isDisabled())).as("nothing to resume").isTrue();

        robot.clickOn("#haltButton");
        DialogPane halt = awaitDialog("#haltDialog");
        Button confirm = (Button) halt.lookupButton(RiskController.HALT);
        assertThat(fx(confirm::isDisabled)).as("no reason, no halt").isTrue();
        assertThat(fx(() -> ((Button) halt.lookupButton(ButtonType.CANCEL)).isDefaultButton())).isTrue();
        robot.clickOn("#reasonField").write("maintenance");
        assertThat(fx(confirm::isDisabled)).isFalse();
        robot.clickOn(confirm);

        await("HALTED").atMost(WAIT).until(() -> text("#haltState").equals("HALTED"));
        assertThat(text("#haltReason")).contains("(desktop)").endsWith(": maintenance");
        assertThat(fx(() -> robot.lookup("#haltButton").query().isDisabled())).isTrue();
        await("the halt in the entries line").atMost(WAIT).until(() -> text("#entriesBlocked").contains("halted"));
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        await("the dashboard's daily-limit card to say HALTED").atMost(WAIT).until(() -> text("#dayLimitLabel").equals("HALTED"));
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("risk.png")));

        TextInputControl daily = robot.lookup("#limitDailyLoss").queryAs(TextInputControl.class);
        robot.interact(daily::clear);
        robot.clickOn(daily).write("12");
        robot.clickOn("#applyLimitsButton");
        DialogPane raise = awaitDialog("#limitsDialog");
        assertThat(fx(raise::getContentText)).startsWith("Raising daily loss limit 10 → 12 lets the bots take more risk");
        robot.clickOn(raise.lookupButton(RiskController.RAISE));
        await("the engine's refusal").atMost(WAIT).until(() -> text("#riskMessage")
                .startsWith("Limits refused: trading is halted, so limits may only be tightened"));

        robot.clickOn("#resumeButton");
        DialogPane resume = awaitDialog("#resumeDialog");
        Button resumeConfirm = (Button) resume.lookupButton(RiskController.RESUME);
        robot.clickOn("#reasonField").write(" ");
        assertThat(fx(resumeConfirm::isDisabled)).as("a blank reason is no reason").isTrue();
        robot.write("done");
        robot.clickOn(resumeConfirm);
        await("TRADING again").atMost(WAIT).until(() -> text("#haltState").equals("TRADING"));
        assertThat(text("#haltReason")).isEmpty();

        // tightening is sent at once, and the engine's audit trail shows who did it
        robot.doubleClickOn("#limitDailyLoss").eraseText(4).write("9");
        robot.clickOn("#applyLimitsButton");
        await("the audit trail to show the change").atMost(WAIT).until(() -> fx(() ->
                String.valueOf(robot.lookup("#changesTable").queryAs(TableView.class).getItems()).contains("10 → 9")));

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        await("the Bots tab to list the engine's five bots").atMost(WAIT).until(() -> fx(() ->
                robot.lookup("#botsTable").queryAllAs(TableView.class).stream()
                        .filter(t -> t.isVisible() && t.getScene() != null && t.localToScreen(0, 0) != null)
                        .anyMatch(t -> t.getItems().size() == 5 && String.valueOf(t.getItems()).contains("sma-core"))));
        assertThat(fx(() -> robot.lookup("#unavailableLabel").queryAs(Label.class).isVisible()))
                .as("this engine serves BotService").isFalse();
    }

    private DialogPane awaitDialog(String id) {
        await(id).atMost(WAIT).until(() -> robot.lookup(id).tryQuery().isPresent());
        return robot.lookup(id).queryAs(DialogPane.class);
    }

    private String text(String query) throws Exception {
        Labeled labeled = robot.lookup(query).queryAs(Labeled.class);
        return fx(labeled::getText);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }
}
