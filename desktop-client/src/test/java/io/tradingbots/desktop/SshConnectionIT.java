package io.tradingbots.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import io.tradingbots.desktop.dashboard.BotRow;
import io.tradingbots.desktop.ssh.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The application, headless, reaching the real engine through a real OpenSSH server on 127.0.0.1:
 * the tunnel, the token read over SSH, the host key prompt and refusal. With {@code -Dtb.bench=true}
 * it also times connect → first snapshot rendered (docs/benchmarks.md, "Desktop").
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshConnectionIT {

    private static final String PASSPHRASE = "it passphrase 7";
    private static final Duration CONNECTED = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    private static EngineProcess engine;
    private static OpenSshServer sshd;
    private static Stage stage;

    private final FxRobot robot = new FxRobot();
    private Application app;
    private Path knownHosts;
    private Path config;

    @BeforeAll
    static void startServers() throws Exception {
        sshd = OpenSshServer.start(Files.createDirectory(dir.resolve("sshd")), PASSPHRASE);
        engine = EngineProcess.start(Files.createDirectory(dir.resolve("engine")));
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    private void startApp(String knownHostsText) throws Exception {
        knownHosts = Files.createTempFile(dir, "known_hosts", "");
        Files.writeString(knownHosts, knownHostsText);
        config = Files.createTempDirectory(dir, "config").resolve("desktop.properties");
        app = FxToolkit.setupApplication(DesktopApp.class, "--config", config.toString(),
                "--known-hosts", knownHosts.toString(), "--theme", "dark");
    }

    private void fillSshForm(String token) {
        robot.clickOn("#sshChoice");
        typeInto("#sshLoginField", sshd.login());
        typeInto("#keyFileField", sshd.clientKey().toString());
        typeInto("#passphraseField", PASSPHRASE);
        typeInto("#remotePortField", Integer.toString(engine.port()));
        typeInto("#remoteDataDirField", engine.dataDir().toString());
        typeInto("#tokenField", token);
    }

    @Test
    void connectsThroughTheTunnelWithTheTokenReadOverSshAndSeesTheBot() throws Exception {
        startApp(sshd.knownHostsLine());
        typeInto("#profileBox .text-field", "droplet");
        fillSshForm("");
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("connection-ssh.png")));

        long took = connectAndAwaitBots();

        assertThat(took).as("connect to first rendered snapshot, ms").isLessThan(CONNECTED.toMillis());
        assertThat(text("#tunnelStatus")).isEqualTo("ssh " + sshd.target() + " → engine port " + engine.port() + ": up");
        assertThat(text("#connectionStatus")).isEqualTo("connected");
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("dashboard-ssh.png")));
        Path profile = config.resolveSibling("profiles").resolve("droplet.profile");
        assertThat(Files.readString(profile)).contains("sshLogin=" + sshd.login().replace(":", "\\:"))
                .doesNotContain(PASSPHRASE).doesNotContain("token=");

        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        assertThat(fx(() -> stage.getScene().getStylesheets().get(0))).as("Ctrl+T").endsWith("theme-light.css");
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        await("Ctrl+D: the connection screen").atMost(CONNECTED)
                .until(() -> robot.lookup("#connectButton").tryQuery().isPresent());
    }

    @Test
    void aChangedHostKeyIsRefusedWithAWarning() throws Exception {
        Path other = OpenSshServer.keygen(dir.resolve("impostor_" + System.nanoTime()), "");
        String[] pub = Files.readString(Path.of(other + ".pub")).split(" ");
        startApp(sshd.target().knownHostsName() + " " + pub[0] + " " + pub[1] + "\n");
        fillSshForm("");
        robot.clickOn("#connectButton");

        await("the refusal").atMost(CONNECTED).until(() -> text("#errorLabel").startsWith("WARNING: the host key of "
                + sshd.target().knownHostsName() + " has CHANGED"));
        assertThat(robot.lookup("#botsTable").tryQuery()).isEmpty();
        assertThat(Files.readString(knownHosts)).as("left alone").doesNotContain(sshd.knownHostsLine().strip());
    }

    @Test
    void anUnknownHostKeyShowsItsFingerprintAndConnectsOnceAccepted() throws Exception {
        startApp("");
        fillSshForm("");
        robot.clickOn("#connectButton");

        String fingerprint = sshd.hostKeyFingerprint();
        await("the host key prompt").atMost(CONNECTED).until(() -> text("#hostKeyLabel").contains(fingerprint));
        assertThat(text("#hostKeyLabel")).startsWith("the server " + sshd.target().knownHostsName() + " is not in known_hosts yet");
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("connection-host-key.png")));
        robot.clickOn("#acceptHostKeyButton");

        await("the dashboard").atMost(CONNECTED).until(() -> robot.lookup("#botsTable").tryQuery().isPresent());
        assertThat(Files.readString(knownHosts)).isEqualTo(sshd.knownHostsLine());
    }

    @Test
    void aWrongTokenThroughTheTunnelIsNamed() throws Exception {
        startApp(sshd.knownHostsLine());
        fillSshForm("wrong-token-0123456789abcdef");
        robot.clickOn("#connectButton");

        await("the refusal").atMost(CONNECTED)
                .until(() -> text("#errorLabel").startsWith("the engine refused the token"));
    }

    /**
     * Run with -Dtb.bench=true: connects to the first rendered snapshot, five warm runs each with the
     * token read over SSH (an exec channel: the server starts the login shell) and with it pasted.
     */
    @Test
    void benchmarkConnectToFirstSnapshotThroughSsh() throws Exception {
        assumeTrue(Boolean.getBoolean("tb.bench"), "a benchmark: run with -Dtb.bench=true");
        startApp(sshd.knownHostsLine());
        String token = Files.readString(engine.dataDir().resolve("api-token")).strip();
        System.out.printf(Locale.ROOT, "ssh connect bench: first (cold JVM) run %d ms%n", connectRun(""));
        List<Long> overSsh = new ArrayList<>();
        List<Long> pasted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            overSsh.add(connectRun(""));
            pasted.add(connectRun(token));
        }
        report("token read over SSH", overSsh);
        long median = report("token pasted", pasted);
        assertThat(median).as("median connect → first snapshot with the token at hand, ms").isLessThan(2000);
    }

    private long connectRun(String token) throws Exception {
        fillSshForm(token);
        long took = connectAndAwaitBots();
        robot.clickOn("#disconnectButton");
        await().atMost(CONNECTED).until(() -> robot.lookup("#connectButton").tryQuery().isPresent());
        return took;
    }

    private static long report(String what, List<Long> runs) {
        List<Long> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        System.out.printf(Locale.ROOT, "ssh connect bench: %s: runs %s ms, median %d ms, min %d ms, max %d ms%n",
                what, runs, median, sorted.get(0), sorted.get(sorted.size() - 1));
        return median;
    }

    /** Clicks Connect and returns the ms until the bots table shows the engine's bot. */
    private long connectAndAwaitBots() throws Exception {
        Button connect = robot.lookup("#connectButton").queryButton();
        long start = System.nanoTime();
        robot.interact(connect::fire); // not clickOn: the robot's mouse travel is no part of connecting
        await("the bot row").atMost(CONNECTED).pollInterval(Duration.ofMillis(10)).until(() -> fx(() -> {
            if (!robot.lookup("#botsTable").tryQuery().isPresent()) {
                return false;
            }
            TableView<BotRow> bots = robot.lookup("#botsTable").queryTableView();
            return bots.getItems().stream().anyMatch(b -> b.id().equals("sma-core"))
                    && robot.lookup("#botsTable .table-cell").queryAllAs(Labeled.class).stream()
                    .anyMatch(c -> c.getText() != null && !c.getText().isEmpty());
        }));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void typeInto(String query, String text) {
        TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
        robot.interact(() -> field.setText(text));
    }

    private String text(String query) throws Exception {
        Labeled labeled = robot.lookup(query).queryAs(Labeled.class);
        return fx(labeled::getText);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }
}
