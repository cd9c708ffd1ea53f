package io.tradingbots.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.tradingbots.desktop.dashboard.BotRow;
import io.tradingbots.desktop.dashboard.PriceRow;
import io.tradingbots.desktop.deployment.DeploymentViewModel;
import io.tradingbots.desktop.health.EndpointRow;
import io.tradingbots.desktop.health.FeedRow;
import io.tradingbots.desktop.health.HealthRow;
import io.tradingbots.desktop.history.InventoryRow;
import io.tradingbots.desktop.performance.ComparisonRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real engine (tb-engine.jar, simulated market at 600x) and the real application, headless
 * under Monocle: connect through the connection screen and watch live data arrive.
 */
class DashboardIT {

    private static final Duration ENGINE_START = Duration.ofSeconds(30);
    private static final Duration LIVE_DATA = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Path workDir;
    private static Process engine;
    private static Path engineLog;
    private static String host;
    private static Path tokenFile;
    private static Stage stage;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeAll
    static void startEngine() throws Exception {
        Path jar = Path.of(System.getProperty("tb.engineJar", "../engine/target/tb-engine.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("build the engine first: ./mvnw -pl engine -am package (missing " + jar.toAbsolutePath() + ")");
        }
        workDir = Files.createTempDirectory("tb-desktop-it-");
        Path dataDir = Files.createDirectory(workDir.resolve("data"));
        engineLog = Path.of("target", "dashboard-it-engine.log").toAbsolutePath();
        Files.createDirectories(engineLog.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        engine = new ProcessBuilder(java, "-jar", jar.toString(), "engine", "--data-dir", dataDir.toString(),
                "--listen", "127.0.0.1:0", "--market", "sim", "--speed", "600")
                .redirectErrorStream(true).redirectOutput(engineLog.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(engine::destroyForcibly));

        Path portFile = dataDir.resolve("engine.port");
        tokenFile = dataDir.resolve("api-token");
        await("engine.port and api-token in " + dataDir).atMost(ENGINE_START).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!engine.isAlive()) {
                        fail("the engine exited with " + engine.exitValue() + ": see " + engineLog);
                    }
                    return Files.isRegularFile(tokenFile) && Files.isRegularFile(portFile)
                            && !Files.readString(portFile).isBlank();
                });
        host = "127.0.0.1:" + Files.readString(portFile).strip();
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (engine != null) {
            engine.destroy();
            if (!engine.waitFor(10, TimeUnit.SECONDS)) {
                engine.destroyForcibly();
            }
        }
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void startApp(String theme) throws Exception {
        app = FxToolkit.setupApplication(DesktopApp.class,
                "--config", workDir.resolve("desktop.properties").toString(), "--theme", theme);
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    @Test
    void aWrongTokenIsRefusedWithAClearMessage() throws Exception {
        startApp("light");
        typeInto("#hostField", host);
        typeInto("#tokenField", "wrong-token-0123456789abcdef");
        robot.clickOn("#connectButton");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> text("#errorLabel").startsWith("the engine refused the token: copy <data-dir>/api-token again"));
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("connection-refused.png")));
    }

    @Test
    void connectsAndShowsTheBotAndLivePrices() throws Exception {
        startApp("dark");
        typeInto("#hostField", host);
        typeInto("#tokenField", "");
        typeInto("#tokenFileField", tokenFile.toString());
        robot.clickOn("#connectButton");

        await("the dashboard").atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#botsTable").tryQuery().isPresent());
        TableView<BotRow> bots = robot.lookup("#botsTable").queryTableView();
        BotRow core = await("bot sma-core in #botsTable").atMost(LIVE_DATA).until(
                () -> fx(() -> bots.getItems().stream().filter(b -> b.id().equals("sma-core")).findFirst()),
                Optional::isPresent).get();
        assertThat(core.strategy()).isEqualTo("sma-cross(fast=10, slow=30)");
        assertThat(fx(() -> robot.lookup("#botsTable .table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(cell -> core.name().equals(cell.getText())))).as("a rendered cell shows the bot").isTrue();
        assertThat(text("#connectionStatus")).isEqualTo("connected");

        String first = await("a BTC/USD price").atMost(LIVE_DATA).until(() -> btcPrice(), p -> !p.isEmpty());
        await("the BTC/USD price to move from " + first).atMost(LIVE_DATA).until(() -> !btcPrice().equals(first));
        assertThat(text("#equityLabel")).startsWith("$");

        Path shot = fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("dashboard.png")));
        assertThat(shot).isNotEmptyFile();

        openHistoryAndSeeTheInventory();
        openDeploymentAndSeeRollbackUnavailable();
        openBacktestsAndSeeTheEnginesStrategies();
        openHealthAndSeeTheHeap();
        openPerformanceAndSeeTheBotsCurves();

        robot.clickOn("#disconnectButton");
        await("the connection screen again").atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#connectButton").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#hostField").queryTextInputControl().getText())).as("remembered").isEqualTo(host);
    }

    /** Ctrl+H shows the History tab; the engine's store is empty, so the inventory answers with no rows. */
    private void openHistoryAndSeeTheInventory() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        await("the History view").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> robot.lookup("#inventoryTable").tryQuery().map(Node::isVisible).orElse(false)));
        robot.clickOn("#refreshButton");
        TableView<InventoryRow> inventory = robot.lookup("#inventoryTable").queryTableView();
        assertThat(fx(() -> inventory.getItems().size())).isZero();
        await("GetInventory to answer without an error").during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                .until(() -> text("#historyMessage").isEmpty());
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("history.png")));
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        await("the dashboard tab again").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> tabs.getSelectionModel().getSelectedIndex() == 0));
    }

    /** Ctrl+G shows the Deployment tab; an engine started by hand is not managed, so rollback is off. */
    private void openDeploymentAndSeeRollbackUnavailable() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        await("the unmanaged explanation").atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#supervision").tryQuery().isPresent()
                        && text("#supervision").equals(DeploymentViewModel.UNMANAGED));
        assertThat(fx(() -> robot.lookup("#rollbackButton").query().isDisabled())).isTrue();
        assertThat(text("#runningVersion")).isNotEmpty();
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("deployment-unmanaged.png")));
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
    }

    /**
     * Ctrl+E shows the Backtests tab with the real engine's strategies and their parameters; its
     * store is empty, so Run says to fetch or import candles first instead of sending anything.
     */
    private void openBacktestsAndSeeTheEnginesStrategies() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        await("the engine's strategies").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> robot.lookup("#strategyChoice").tryQuery().isPresent()
                        && "sma-cross".equals(robot.lookup("#strategyChoice").queryAs(ChoiceBox.class).getValue())
                        && robot.lookup("#param-slow").tryQuery().isPresent()));
        assertThat(fx(() -> robot.lookup("#strategyChoice").queryAs(ChoiceBox.class).getItems()))
                .containsExactly("sma-cross", "scalp", "momentum", "arbitrage", "hedge");
        robot.clickOn("#backtestRunButton");
        await("the empty-store hint").atMost(Duration.ofSeconds(5))
                .until(() -> text("#backtestMessage").startsWith("pick a stored series and a strategy"));
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
    }

    /** Ctrl+Y shows the System health tab with the engine's heap from the live state stream. */
    private void openHealthAndSeeTheHeap() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        await("the heap figure").atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#healthTable").tryQuery()
                .map(t -> ((TableView<HealthRow>) t).getItems().stream()
                        .anyMatch(r -> r.name().equals("JVM heap used") && r.value().endsWith(" MB")))
                .orElse(false)));
        assertThat(text("#healthHeadline")).startsWith("Engine ");
        TableView<HealthRow> health = robot.lookup("#healthTable").queryTableView();
        assertThat(fx(() -> health.getItems().stream().filter(r -> r.name().equals("Connection")).findFirst().orElseThrow().value()))
                .isEqualTo("connected");
        // the engine's host figures, and the simulated market's feeds (live, so not stale); a simulated market calls no exchange
        assertThat(fx(() -> health.getItems().stream().filter(r -> r.name().equals("Disk (data directory)")).findFirst().orElseThrow()
                .value())).contains(" free of ");
        TableView<FeedRow> feeds = robot.lookup("#feedsTable").queryTableView();
        await("the simulated feeds").atMost(Duration.ofSeconds(10)).until(() -> fx(() -> feeds.getItems().stream()
                .filter(f -> f.feed().equals("sim BTC/USD 1m") || f.feed().equals("sim ETH/USD 1m"))
                .filter(f -> f.state().equals("ok")).count() == 2));
        TableView<EndpointRow> endpoints = robot.lookup("#endpointsTable").queryTableView();
        assertThat(fx(() -> endpoints.getItems().isEmpty())).isTrue();
        assertThat(fx(() -> ((Labeled) endpoints.getPlaceholder()).getText())).startsWith("no exchange called yet");
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("health.png")));
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
    }

    /** Ctrl+P shows the Performance tab: the real engine's equity exports become table lines (a bot that has decided at least once). */
    private void openPerformanceAndSeeTheBotsCurves() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        // A bot's export has rows once it decided on a candle after warming up: refresh until one has.
        await("a bot's performance line").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            boolean shown = fx(() -> robot.lookup("#comparisonTable").tryQuery()
                    .map(t -> ((TableView<ComparisonRow>) t).getItems().stream()
                            .anyMatch(r -> r.kind().equals("bot") && !r.points().equals("0")))
                    .orElse(false));
            if (!shown && robot.lookup("#perfRefreshButton").tryQuery().map(b -> !b.isDisabled()).orElse(false)) {
                robot.clickOn("#perfRefreshButton");
            }
            return shown;
        });
        assertThat(text("#perfMessage")).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
    }

    private String btcPrice() throws Exception {
        TableView<PriceRow> prices = robot.lookup("#pricesTable").queryTableView();
        return fx(() -> prices.getItems().stream().filter(p -> p.symbol().equals("BTC/USD"))
                .map(PriceRow::price).findFirst().orElse(""));
    }

    private void typeInto(String query, String text) {
        TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
        robot.interact(field::clear);
        if (!text.isEmpty()) {
            robot.clickOn(field).write(text);
        }
    }

    private String text(String query) throws Exception {
        Labeled labeled = robot.lookup(query).queryAs(Labeled.class);
        return fx(labeled::getText);
    }

    /** Reads UI state on the FX thread. */
    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }
}
