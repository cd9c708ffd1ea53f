package io.tradingbots.desktop.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingbots.desktop.Screenshots;
import io.tradingbots.desktop.Theme;
import io.tradingbots.desktop.Views;
import io.tradingbots.desktop.engine.EngineClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Deployment view headless under Monocle against an in-process DeploymentService: the rollback
 * confirmation appears with Cancel as its default, Cancel sends nothing, "Roll back" sends Rollback.
 */
class DeploymentDialogIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FxRobot robot = new FxRobot();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private FakeDeployment engine;
    private EngineClient client;
    private Stage stage;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeDeployment();
        engine.answer(SampleDeployments.managed());
        client = engine.client();
        DeploymentViewModel model = new DeploymentViewModel(client.deployment(), "alice@laptop (desktop)",
                background, Platform::runLater, (delay, action) -> { });
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Scene scene = new Scene(Views.load(new DeploymentController(model)), 1000, 640);
            scene.getStylesheets().setAll(Theme.DARK.stylesheets());
            s.setScene(scene);
            s.show();
        });
        model.refresh();
        await("the releases").atMost(WAIT).until(() -> robot.lookup("#releasesTable .table-cell")
                .queryAllAs(Labeled.class).stream().anyMatch(c -> "1.3.2".equals(c.getText())));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
        client.close();
        engine.close();
    }

    @Test
    void cancelSendsNothingAndRollBackSendsTheSelectedVersion() throws Exception {
        robot.clickOn(cell("1.3.2"));
        robot.clickOn("#rollbackButton");
        DialogPane dialog = awaitDialog();
        assertThat(dialog.getContentText()).startsWith("The engine stops, version 1.3.2 replaces 1.4.0,");
        Button cancel = (Button) dialog.lookupButton(ButtonType.CANCEL);
        assertThat(cancel.isDefaultButton()).as("Cancel is the default button").isTrue();
        assertThat(((Button) dialog.lookupButton(DeploymentController.ROLL_BACK)).isDefaultButton()).isFalse();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(dialog.getScene(),
                Path.of("target", "screenshots", "deployment-confirm.png"))).get();

        robot.clickOn(cancel);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#rollbackDialog").tryQuery()).isEmpty();
        assertThat(engine.rollbacks()).isEmpty();

        robot.clickOn("#rollbackButton");
        robot.clickOn(awaitDialog().lookupButton(DeploymentController.ROLL_BACK));

        await("Rollback at the engine").atMost(WAIT).until(() -> engine.rollbacks().size() == 1);
        assertThat(engine.rollbacks().get(0).getVersion()).isEqualTo("1.3.2");
        assertThat(engine.rollbacks().get(0).getRequestedBy()).isEqualTo("alice@laptop (desktop)");
        await("the request id").atMost(WAIT).until(() -> robot.lookup("#deploymentMessage").queryLabeled().getText()
                .equals("Rollback 1.4.0 → 1.3.2 requested (request rb-42). The engine restarts now."));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(stage.getScene(),
                Path.of("target", "screenshots", "deployment.png"))).get();
    }

    private Node cell(String text) {
        return robot.lookup("#releasesTable .table-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst().orElseThrow();
    }

    private DialogPane awaitDialog() {
        await("the confirmation").atMost(WAIT).until(() -> robot.lookup("#rollbackDialog").tryQuery().isPresent());
        return robot.lookup("#rollbackDialog").queryAs(DialogPane.class);
    }
}
