package io.tradingbots.desktop;

import io.tradingbots.desktop.bots.BotsController;
import io.tradingbots.desktop.bots.BotsViewModel;
import io.tradingbots.desktop.charts.ChartController;
import io.tradingbots.desktop.charts.ChartViewModel;
import io.tradingbots.desktop.connection.ConnectionController;
import io.tradingbots.desktop.connection.ConnectionSettingsStore;
import io.tradingbots.desktop.connection.ConnectionViewModel;
import io.tradingbots.desktop.connection.SshEngineConnector;
import io.tradingbots.desktop.ssh.KnownHosts;
import io.tradingbots.desktop.dashboard.ConnectionToasts;
import io.tradingbots.desktop.dashboard.DashboardController;
import io.tradingbots.desktop.dashboard.DashboardViewModel;
import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.desktop.backtests.BacktestsController;
import io.tradingbots.desktop.backtests.BacktestsViewModel;
import io.tradingbots.desktop.deployment.DeploymentController;
import io.tradingbots.desktop.deployment.DeploymentViewModel;
import io.tradingbots.desktop.health.HealthController;
import io.tradingbots.desktop.health.HealthViewModel;
import io.tradingbots.desktop.history.HistoryController;
import io.tradingbots.desktop.performance.PerformanceController;
import io.tradingbots.desktop.performance.PerformanceViewModel;
import io.tradingbots.desktop.history.HistoryViewModel;
import io.tradingbots.desktop.risk.RiskController;
import io.tradingbots.desktop.risk.RiskViewModel;
import io.tradingbots.desktop.support.FrameExecutor;
import io.tradingbots.shared.DaemonThreads;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** The control station: a connection screen, then the dashboard of the engine it connected to. */
public final class DesktopApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);

    private final ExecutorService background = DaemonThreads.single("tb-connect");
    /** Candle loads can take seconds: apart, so they never hold up the other views' calls. */
    private final ExecutorService chartLoads = DaemonThreads.single("tb-charts");
    /** Streamed state reaches the dashboard and Bots views through this: at most one update per frame. */
    private final FrameExecutor frames = FrameExecutor.forJavaFx();
    private LaunchOptions options;
    private ConnectionSettingsStore settings;
    private Scene scene;
    private EngineSession session;
    private DashboardViewModel dashboard;
    private HistoryViewModel history;
    private BacktestsViewModel backtests;
    private RiskViewModel risk;
    private BotsViewModel bots;
    private PerformanceViewModel performance;
    /** Refreshes the bots' figures while the Bots tab is shown. */
    private Timeline botsPolling;
    private TabPane tabs;
    private Theme theme;
    private Stage stage;

    @Override
    public void init() {
        // SIGTERM (./tb demo stopping, a logout) or Ctrl+C: leave JavaFX in order through
        // Platform.exit(), instead of a JVM shutdown that tears the renderer down under a pulse.
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> Platform.exit());
            } catch (IllegalArgumentException e) {
                log.debug("signal {} cannot be handled here", name);
            }
        }
    }

    @Override
    public void start(Stage stage) {
        options = LaunchOptions.parse(getParameters().getRaw());
        settings = new ConnectionSettingsStore(options.config().orElseGet(ConnectionSettingsStore::defaultFile));
        scene = new Scene(new StackPane(), 1280, 800);
        theme = options.theme();
        scene.getStylesheets().setAll(theme.stylesheets());
        this.stage = stage;
        installShortcuts();
        stage.setTitle("Trading Bots");
        stage.setScene(scene);
        ConnectionViewModel connection = showConnection();
        stage.show();
        if (options.connect()) {
            connection.connect();
        }
    }

    /**
     * Ctrl+D (Cmd+D on macOS) disconnects, Ctrl+T switches between the dark and light theme,
     * Ctrl+H opens the History tab, Ctrl+G the Deployment tab, Ctrl+K the Charts tab, Ctrl+E the
     * Backtests tab, Ctrl+R the Risk tab, Ctrl+L the Bots tab (the list of bots), Ctrl+Y the System
     * health tab, Ctrl+P the Performance tab and Ctrl+B goes back to the dashboard.
     */
    private void installShortcuts() {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), () -> {
            if (dashboard != null) {
                disconnect();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> {
            theme = theme.toggled();
            scene.getStylesheets().setAll(theme.stylesheets());
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN), () -> selectTab(1));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN), () -> selectTab(2));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), () -> selectTab(0));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), () -> selectTab(3));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                () -> selectTab("backtestsTab"));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> selectTab("riskTab"));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), () -> selectTab("botsTab"));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), () -> selectTab("healthTab"));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                () -> selectTab("performanceTab"));
    }

    private void selectTab(int index) {
        if (tabs != null) {
            tabs.getSelectionModel().select(index);
        }
    }

    /** By id, so the tab is found whatever other tabs come before it. */
    private void selectTab(String id) {
        if (tabs != null) {
            tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        }
    }

    private void toast(String text) {
        try {
            Notifications.create().owner(stage).title("Trading Bots").text(text).hideAfter(Duration.seconds(5))
                    .showInformation();
        } catch (RuntimeException e) {
            log.debug("no toast: {}", e.toString()); // e.g. a window already closing
        }
    }

    private ConnectionViewModel showConnection() {
        KnownHosts knownHosts = options.knownHosts().map(KnownHosts::new).orElseGet(KnownHosts::userDefault);
        ConnectionViewModel model = new ConnectionViewModel(settings, ConnectionViewModel.profilesBeside(settings),
                EngineSession::open, new SshEngineConnector(knownHosts)::open, knownHosts, background,
                Platform::runLater, this::showDashboard);
        options.host().ifPresent(model.hostProperty()::set);
        options.tokenFile().ifPresent(file -> {
            model.tokenFileProperty().set(file);
            model.tokenProperty().set("");
        });
        scene.setRoot(Views.load(new ConnectionController(model)));
        return model;
    }

    private void showDashboard(EngineSession connected) {
        session = connected;
        dashboard = new DashboardViewModel(connected.client().target(), connected.info(), ZoneId.systemDefault());
        history = new HistoryViewModel(connected.client().history(), background, Platform::runLater);
        DeploymentViewModel deployment = new DeploymentViewModel(connected.client().deployment(), DeploymentViewModel.localUser(),
                background, Platform::runLater, (delay, action) -> CompletableFuture.delayedExecutor(
                        delay.toMillis(), TimeUnit.MILLISECONDS, background).execute(action));
        ChartViewModel charts = new ChartViewModel(connected.client().history(), chartLoads, Platform::runLater);
        charts.useBots(connected.client().bots());
        backtests = new BacktestsViewModel(connected.client().backtests(), connected.client().history(), background,
                Platform::runLater);
        risk = new RiskViewModel(connected.client().risk(), DeploymentViewModel.localUser(), background, Platform::runLater,
                ZoneId.systemDefault());
        risk.setNotifier(this::toast);
        bots = new BotsViewModel(connected.client().bots(), background, frames, ZoneId.systemDefault());
        bots.setNotifier(this::toast);
        scene.setRoot(tabs(Views.load(new DashboardController(dashboard, risk.dayLimitShortProperty(), this::disconnect)), history, deployment, charts));
        tabs.getTabs().addAll(
                lazyTab("Backtests", "backtestsTab", () -> Views.load(new BacktestsController(backtests)), backtests::refresh),
                lazyTab("Risk", "riskTab", () -> Views.load(new RiskController(risk)), () -> { }),
                lazyTab("Bots", "botsTab", () -> Views.load(new BotsController(bots)), bots::refresh));
        performance = new PerformanceViewModel(connected.client().bots(), connected.client().backtests(),
                background, Platform::runLater);
        PerformanceViewModel shownPerformance = performance;
        Tab performanceTab = lazyTab("Performance", "performanceTab", () -> Views.load(new PerformanceController(shownPerformance)),
                () -> { });
        performanceTab.selectedProperty().addListener((o, was, now) -> shownPerformance.setShown(now)); // polls while shown
        tabs.getTabs().add(performanceTab);
        bots.setOnFiguresChanged(performance::figuresChanged);
        HealthViewModel health = new HealthViewModel();
        health.follow(dashboard);
        tabs.getTabs().add(lazyTab("System health", "healthTab", () -> Views.load(new HealthController(health)), () -> { }));
        botsPolling = new Timeline(new KeyFrame(Duration.seconds(5), e -> {
            if (bots != null && tabs != null && "botsTab".equals(tabs.getSelectionModel().getSelectedItem().getId())) {
                bots.refresh();
            }
        }));
        botsPolling.setCycleCount(Timeline.INDEFINITE);
        botsPolling.play();
        risk.start();
        bots.start();
        dashboard.statusProperty().addListener((obs, before, now) -> ConnectionToasts.between(before, now)
                .ifPresent(this::toast));
        dashboard.start(connected.client(), frames);
        connected.transport().ifPresent(t -> dashboard.watchTunnel(t, Platform::runLater));
    }

    /** The dashboard, History, Deployment and Charts views, loaded when first shown; showing one refreshes it. */
    private TabPane tabs(Parent dashboardView, HistoryViewModel historyModel, DeploymentViewModel deploymentModel,
                         ChartViewModel chartModel) {
        tabs = new TabPane(new Tab("Dashboard", dashboardView),
                lazyTab("History", "historyTab", () -> Views.load(new HistoryController(historyModel)),
                        historyModel::refresh),
                lazyTab("Deployment", "deploymentTab", () -> Views.load(new DeploymentController(deploymentModel)),
                        deploymentModel::refresh),
                lazyTab("Charts", "chartsTab", () -> Views.load(new ChartController(chartModel)), chartModel::refresh));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private static Tab lazyTab(String title, String id, Supplier<Parent> view, Runnable onShow) {
        Tab tab = new Tab(title);
        tab.setId(id);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                if (tab.getContent() == null) {
                    tab.setContent(view.get());
                }
                onShow.run();
            }
        });
        return tab;
    }

    private void disconnect() {
        closeSession();
        showConnection();
    }

    private void closeSession() {
        if (dashboard != null) {
            dashboard.stop();
            dashboard = null;
        }
        if (backtests != null) {
            backtests.stop();
            backtests = null;
        }
        if (performance != null) {
            performance.setShown(false);
            performance = null;
        }
        if (botsPolling != null) {
            botsPolling.stop();
            botsPolling = null;
        }
        if (risk != null) {
            risk.stop();
            risk = null;
        }
        if (bots != null) {
            bots.stop();
            bots = null;
        }
        if (history != null) {
            history.stop();
            history = null;
            tabs = null;
        }
        if (session != null) {
            EngineSession closing = session;
            session = null;
            background.execute(closing::close);
        }
    }

    @Override
    public void stop() {
        log.debug("stopping");
        closeSession();
        background.shutdown();
        chartLoads.shutdownNow();
        try {
            background.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
