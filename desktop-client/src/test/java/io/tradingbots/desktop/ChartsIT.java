package io.tradingbots.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.tradingbots.desktop.charts.BotFill;
import io.tradingbots.desktop.charts.CandleChart;
import io.tradingbots.desktop.charts.Overlay;
import io.tradingbots.desktop.charts.ChartViewModel;
import io.tradingbots.desktop.charts.TradeMarker;
import io.tradingbots.desktop.charts.Viewport;
import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real engine with 50,000 one-minute candles imported into its store ({@code tb history
 * import}), and the real application headless under Monocle: connect, Ctrl+K, see the candles
 * drawn, pan and zoom with keys and the wheel.
 */
class ChartsIT {

    private static final int CANDLES = 50_000;
    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Path workDir;
    private static Process engine;
    private static String host;
    private static Path tokenFile;
    private static Stage stage;

    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startEngineWithCandles() throws Exception {
        Path jar = Path.of(System.getProperty("tb.engineJar", "../engine/target/tb-engine.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("build the engine first: ./mvnw -pl engine -am package (missing " + jar.toAbsolutePath() + ")");
        }
        workDir = Files.createTempDirectory("tb-charts-it-");
        Path dataDir = Files.createDirectory(workDir.resolve("data"));
        Path csv = writeCandles(workDir.resolve("btc-1m.csv"));
        Path log = Path.of("target", "charts-it-engine.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process importing = new ProcessBuilder(java, "-jar", jar.toString(), "history", "import", csv.toString(),
                "--symbol", "BTC/USD", "--timeframe", "1m", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!importing.waitFor(60, TimeUnit.SECONDS) || importing.exitValue() != 0) {
            fail("tb history import failed: " + Files.readString(log));
        }
        engine = new ProcessBuilder(java, "-jar", jar.toString(), "engine", "--data-dir", dataDir.toString(),
                "--listen", "127.0.0.1:0", "--market", "sim", "--speed", "600")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(engine::destroyForcibly));
        Path portFile = dataDir.resolve("engine.port");
        tokenFile = dataDir.resolve("api-token");
        await("engine.port in " + dataDir).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!engine.isAlive()) {
                fail("the engine exited with " + engine.exitValue() + ": see " + log);
            }
            return Files.isRegularFile(portFile) && !Files.readString(portFile).isBlank();
        });
        host = "127.0.0.1:" + Files.readString(portFile).strip();
        stage = FxToolkit.registerPrimaryStage();
    }

    /** A seeded random walk around $42,000 with two-decimal prices and eight-decimal volumes. */
    private static Path writeCandles(Path file) throws Exception {
        Random r = new Random(42);
        double price = 42_000;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("openTime,open,high,low,close,volume\n");
            for (int i = 0; i < CANDLES; i++) {
                double open = price;
                double close = Math.max(100, open + r.nextGaussian() * 25 + Math.sin(i / 900.0) * 4);
                double high = Math.max(open, close) + r.nextDouble() * 15;
                double low = Math.min(open, close) - r.nextDouble() * 15;
                w.write(String.format(Locale.US, "%d,%.2f,%.2f,%.2f,%.2f,%.8f%n", T0 + i * 60_000L, open, high, low, close,
                        0.5 + r.nextDouble() * 4));
                price = Math.round(close * 100) / 100.0;
            }
        }
        return file;
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

    @Test
    void ctrlKShowsTheStoredCandlesAndKeysAndWheelPanAndZoom() throws Exception {
        Application app = FxToolkit.setupApplication(DesktopApp.class, "--config", workDir.resolve("desktop.properties").toString(),
                "--theme", "dark", "--host", host, "--token-file", tokenFile.toString(), "--connect");
        try {
            // the first call of a JVM can miss its 5 s deadline on a loaded machine: Connect again then, as a user would
            await("the dashboard (first connect of a JVM: slow on a loaded machine)").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        if (robot.lookup("#botsTable").tryQuery().isPresent()) {
                            return true;
                        }
                        if (robot.lookup("#connectButton").tryQuery().map(b -> !b.isDisabled() && b.isVisible()).orElse(false)
                                && fx(() -> robot.lookup(".label").queryAllAs(javafx.scene.control.Labeled.class).stream()
                                        .anyMatch(l -> l.getText() != null && l.getText().contains("did not answer in time")))) {
                            robot.clickOn("#connectButton");
                        }
                        return false;
                    });
            robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
            await("the chart").atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#candleChart").tryQuery().isPresent());
            CandleChart chart = robot.lookup("#candleChart").queryAs(CandleChart.class);
            ChartViewModel model = chart.model();
            long started = System.nanoTime();
            await("50,000 candles loaded").atMost(Duration.ofSeconds(30))
                    .until(() -> fx(() -> model.candlesProperty().get().size()) == CANDLES);
            System.out.println("charts: 50,000 candles loaded over gRPC and shown in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms (after the tab opened)");
            assertThat(fx(() -> model.selectedProperty().get().toString())).isEqualTo("BTC/USD 1m · import (50,000)");
            assertThat(fx(() -> model.candlesProperty().get().time(CANDLES - 1))).isEqualTo(T0 + (CANDLES - 1) * 60_000L);

            // the newest 240 candles are visible and drawn, one bar each, in the theme's colours
            Viewport v = fx(() -> model.viewportProperty().get());
            assertThat(v.from()).isEqualTo(CANDLES - 240);
            assertThat(v.to()).isEqualTo(CANDLES);
            await("the frame").atMost(Duration.ofSeconds(5)).until(() -> fx(chart::drawnBars) == 240);
            assertThat(fx(() -> candlePixels(chart))).as("green or red candle pixels").isGreaterThan(2_000);

            // Left pans back 10% of the span; the wheel zooms out; A shows all, aggregated per pixel column
            robot.clickOn(chart);
            assertThat(fx(chart::isFocused)).as("the chart has the keys, not the tab pane").isTrue();
            robot.type(KeyCode.LEFT);
            assertThat(fx(() -> model.viewportProperty().get().first())).isEqualTo(CANDLES - 240 - 24.0);
            robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
            double span = fx(() -> model.viewportProperty().get().span());
            assertThat(span).isNotEqualTo(240.0);
            robot.type(KeyCode.A);
            assertThat(fx(() -> model.viewportProperty().get().span())).isEqualTo(CANDLES);
            await("an aggregated frame").atMost(Duration.ofSeconds(5))
                    .until(() -> fx(() -> chart.drawnBars() > 500 && chart.drawnBars() <= (int) chart.getWidth()));
            fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("charts-all.png")));

            // markers and the read-out, for the screenshot of a zoomed-in stretch
            fx(() -> {
                model.setMarkers(List.of(
                        new TradeMarker(T0 + (CANDLES - 150) * 60_000L, price(model, CANDLES - 150), TradeMarker.Side.BUY),
                        new TradeMarker(T0 + (CANDLES - 60) * 60_000L, price(model, CANDLES - 60), TradeMarker.Side.SELL)));
                return null;
            });
            robot.type(KeyCode.END);
            for (int i = 0; i < 40 && fx(() -> model.viewportProperty().get().span()) > 200; i++) {
                robot.type(KeyCode.UP);
            }
            robot.type(KeyCode.END);
            robot.moveTo(chart).moveBy(-chart.getWidth() / 4, 0);
            await("the OHLCV read-out").atMost(Duration.ofSeconds(5))
                    .until(() -> fx(() -> robot.lookup(".readout").queryLabeled().getText()).matches("2024-.* UTC +O .* V .*"));
            WaitForAsyncUtils.waitForFxEvents(); // the pulse that paints the crosshair
            fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("charts.png")));

            chartsABotsLinesPanesAndFills(model, chart);
        } finally {
            FxToolkit.cleanupApplication(app);
        }
    }

    /**
     * The engine's bots in the Bot picker: the scalper (ETH/USD 5m on the simulated market, nothing
     * of it stored) charts the bars it holds with its Bollinger bands over them and its RSI with the
     * oversold level in a pane under them; then the bots are charted in turn while the market runs
     * at 600x until one has fills: they are its journal's, as markers on its candles and in the list.
     */
    private void chartsABotsLinesPanesAndFills(ChartViewModel model, CandleChart chart) throws Exception {
        await("the engine's bots in the picker").atMost(Duration.ofSeconds(10)).until(() -> fx(() -> model.bots().size()) == 5);
        fx(() -> {
            model.selectedBotProperty().set(model.bots().stream().filter(b -> b.id().equals("scalp")).findFirst().orElseThrow());
            return null;
        });
        await("the scalper's chart").atMost(Duration.ofSeconds(20)).until(() -> fx(() -> model.botInfoProperty().get()).startsWith("scalp("));
        assertThat(fx(() -> model.botInfoProperty().get())).contains("on ETH/USD 5m · the bot's own bars (");
        assertThat(fx(() -> model.selectedProperty().get())).as("the stored series is left").isNull();
        int bars = fx(() -> model.candlesProperty().get().size());
        assertThat(bars).as("the bars the scalper holds (the simulated market's made-up history warms it)").isGreaterThan(500);
        List<Overlay> lines = fx(() -> model.overlaysProperty().get());
        assertThat(lines).extracting(Overlay::name).containsExactly("BB middle 20", "BB lower 20/2", "BB upper 20/2", "RSI 14", "oversold 30");
        assertThat(lines).extracting(Overlay::pane).containsExactly(Overlay.Pane.PRICE, Overlay.Pane.PRICE, Overlay.Pane.PRICE,
                Overlay.Pane.SEPARATE, Overlay.Pane.SEPARATE);
        double rsi = lines.get(3).values()[bars - 1];
        assertThat(rsi).as("the RSI at the newest bar").isBetween(0.0, 100.0);
        await("the bot's frame").atMost(Duration.ofSeconds(5)).until(() -> fx(chart::drawnBars) > 0);
        assertThat(fx(() -> robot.lookup("#fillsList").tryQuery().isPresent() && robot.lookup("#fillsList").query().isVisible())).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("charts-bot.png")));

        int[] next = {0};
        await("a bot with fills (each charted in turn, every 2 s, while the market runs)").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    if (!fx(() -> model.fills().isEmpty())) {
                        return true;
                    }
                    fx(() -> {
                        model.selectedBotProperty().set(model.bots().get(next[0]++ % model.bots().size()));
                        return null;
                    });
                    return false;
                });
        List<BotFill> fills = fx(() -> List.copyOf(model.fills()));
        assertThat(fx(() -> model.markers().size())).isEqualTo(fills.size());
        for (BotFill f : fills) {
            int i = fx(() -> model.markerIndex(f.marker()));
            assertThat(i).as("the fill at " + f.time() + " sits on a charted candle").isNotNegative();
            double lo = fx(() -> model.candlesProperty().get().low(i));
            double hi = fx(() -> model.candlesProperty().get().high(i));
            // paper fills are at the last price (the close of the bar it decided on) with slippage
            assertThat(f.price().doubleValue()).isBetween(lo * 0.99, hi * 1.01);
        }
        // a click on the newest fill in the list centres the chart on its candle
        robot.clickOn(robot.lookup("#fillsList .list-cell").nth(fills.size() - 1).queryAs(javafx.scene.Node.class));
        int last = fx(() -> model.markerIndex(fills.get(fills.size() - 1).marker()));
        await("centred on the fill").atMost(Duration.ofSeconds(5)).until(() -> fx(() -> {
            Viewport v = model.viewportProperty().get();
            return v.from() <= last && last < v.to();
        }));
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> Screenshots.save(stage.getScene(), SCREENSHOTS.resolve("charts-bot-fills.png")));
        System.out.println("charts: " + fx(() -> model.botInfoProperty().get()));
    }

    private static BigDecimal price(ChartViewModel model, int i) {
        return BigDecimal.valueOf(model.candlesProperty().get().close(i));
    }

    /** Pixels of the canvas in the up or down candle colour (dark theme). */
    private static int candlePixels(CandleChart chart) {
        WritableImage image = chart.canvas().snapshot(null, null);
        PixelReader px = image.getPixelReader();
        Color up = Color.web("#34c46a");
        Color down = Color.web("#ef5350");
        int n = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                Color c = px.getColor(x, y);
                if (close(c, up) || close(c, down)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.02 && Math.abs(a.getGreen() - b.getGreen()) < 0.02
                && Math.abs(a.getBlue() - b.getBlue()) < 0.02;
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }
}
