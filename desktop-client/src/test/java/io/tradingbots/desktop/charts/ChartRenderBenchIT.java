package io.tradingbots.desktop.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Frame time of the chart over 100,000 one-minute candles, headless (Monocle, software
 * pipeline): each frame moves the viewport, paints the canvas and takes a snapshot of it into one
 * reused image, which makes Prism rasterize the frame (and also copies it back into memory, so a
 * frame here costs more than one on screen). Wall time and CPU time (FX thread + Prism's render thread, which
 * leaves out waiting for a core on a shared machine) per frame. Run with -Dtb.bench=true;
 * figures go to docs/benchmarks.md.
 */
class ChartRenderBenchIT {

    private static final int CANDLES = 100_000;
    private static final int WIDTH = 1_280;
    private static final int HEIGHT = 720;

    @Test
    void benchRenderAndPanOverOneHundredThousandCandles() throws Exception {
        assumeTrue(Boolean.getBoolean("tb.bench"), "a benchmark: run with -Dtb.bench=true");
        Stage stage = FxToolkit.registerPrimaryStage();
        CandleSeries series = BarsTest.randomWalk(CANDLES, 1);
        List<Overlay> smas = List.of(new Overlay("SMA 10", Sma.of(series.closes(), 10)),
                new Overlay("SMA 30", Sma.of(series.closes(), 30)));
        List<Overlay> overlays = botLines(series);
        List<TradeMarker> markers = new ArrayList<>();
        for (int i = 500; i < CANDLES; i += 1_000) {
            markers.add(new TradeMarker(series.time(i), java.math.BigDecimal.valueOf(series.close(i)),
                    i % 2000 == 500 ? TradeMarker.Side.BUY : TradeMarker.Side.SELL));
        }
        String report = WaitForAsyncUtils.asyncFx(() -> {
            Canvas canvas = new Canvas(WIDTH, HEIGHT);
            stage.setScene(new Scene(new StackPane(canvas), WIDTH, HEIGHT));
            stage.show();
            GraphicsContext g = canvas.getGraphicsContext2D();
            ChartPainter painter = new ChartPainter();
            ChartPainter.Palette palette = ChartPainter.Palette.dark();
            double pw = ChartPainter.plotWidth(WIDTH);
            StringBuilder out = new StringBuilder();

            // warm-up: every kind of frame, not measured
            frames(canvas, g, painter, palette, series, overlays, markers, 400,
                    f -> new Viewport(f * 240.0, 60 + f * 250.0, CANDLES));

            Phase blank = new Phase("blank frame (background only + snapshot)", 200);
            for (int f = 0; f < blank.size(); f++) {
                long c = cpu();
                long t = System.nanoTime();
                g.setFill(palette.background());
                g.fillRect(0, 0, WIDTH, HEIGHT);
                canvas.snapshot(null, image);
                blank.add(System.nanoTime() - t, 0, cpu() - c);
            }
            out.append(blank.line());

            Phase[] phases = {
                    measure("pan, 240 candles visible (bodies)", canvas, g, painter, palette, series, overlays, markers, 500,
                            f -> new Viewport(f * (CANDLES - 240) / 499.0, 240, CANDLES)),
                    measure("pan, 5,000 visible (aggregated)", canvas, g, painter, palette, series, overlays, markers, 500,
                            f -> new Viewport(f * (CANDLES - 5_000) / 499.0, 5_000, CANDLES)),
                    measure("all 100,000 visible (aggregated), repainted", canvas, g, painter, palette, series, overlays, markers, 200,
                            f -> new Viewport(0, CANDLES, CANDLES)),
                    measure("zoom sweep 20 .. 100,000 and back", canvas, g, painter, palette, series, overlays, markers, 400,
                            f -> Viewport.latest(CANDLES, 20).zoom(Math.pow(CANDLES / 20.0, (f < 200 ? f : 399 - f) / 199.0), 0.7)),
            };
            Phase all = Phase.merge("all measured frames", phases);
            // where the time goes: the first phase without overlays and markers, and without the crosshair
            Phase bare = measure("  (240 visible, no overlays or markers)", canvas, g, painter, palette, series, List.of(), List.of(), 300,
                    f -> new Viewport(f * (CANDLES - 240) / 299.0, 240, CANDLES));
            Phase twoSmas = measure("  (240 visible, only the two SMAs, no panes)", canvas, g, painter, palette, series, smas, markers, 300,
                    f -> new Viewport(f * (CANDLES - 240) / 299.0, 240, CANDLES));
            Phase noCross = measureNoHover("  (240 visible, no crosshair)", canvas, g, painter, palette, series, overlays, markers, 300,
                    f -> new Viewport(f * (CANDLES - 240) / 299.0, 240, CANDLES));
            for (Phase p : phases) {
                out.append(p.line());
            }
            out.append(all.line());
            out.append(bare.line());
            out.append(twoSmas.line());
            out.append(noCross.line());
            assertThat(all.size()).isEqualTo(1_600);
            assertThat(phases[0].maxBars).isBetween(240, 241);
            assertThat(phases[2].maxBars).isLessThanOrEqualTo((int) Math.ceil(pw));
            return out.toString();
        }).get(10, TimeUnit.MINUTES);
        System.out.println("bench charts (" + WIDTH + "x" + HEIGHT + ", " + CANDLES + " candles, prism "
                + System.getProperty("prism.order") + "):\n" + report);
    }

    /**
     * A bot's lines, more than any one strategy draws: three over the price (SMA 10, SMA 30 and a
     * band) and two separate panes of two lines each (an RSI-like oscillator with its level, an
     * ADX-like one with its floor), as GetBotChart sends them for scalp and momentum together.
     */
    static List<Overlay> botLines(CandleSeries series) {
        double[] closes = series.closes();
        double[] fast = Sma.of(closes, 10);
        double[] slow = Sma.of(closes, 30);
        double[] band = new double[closes.length];
        double[] rsi = new double[closes.length];
        double[] adx = new double[closes.length];
        double[] level = new double[closes.length];
        double[] floor = new double[closes.length];
        for (int i = 0; i < closes.length; i++) {
            band[i] = slow[i] * 1.004;
            double d = Double.isNaN(slow[i]) ? Double.NaN : (closes[i] - slow[i]) / slow[i] * 400;
            rsi[i] = 50 + 45 * Math.tanh(d);
            adx[i] = 25 + 20 * Math.tanh(Math.abs(d) - 0.5);
            level[i] = 30;
            floor[i] = 20;
        }
        return List.of(new Overlay("SMA 10", fast), new Overlay("SMA 30", slow), new Overlay("band", band),
                new Overlay("RSI", rsi, Overlay.Pane.SEPARATE, "RSI"), new Overlay("oversold 30", level, Overlay.Pane.SEPARATE, "RSI"),
                new Overlay("ADX", adx, Overlay.Pane.SEPARATE, "ADX"), new Overlay("ADX floor 20", floor, Overlay.Pane.SEPARATE, "ADX"));
    }

    /** CPU time of the FX thread (which paints) and of Prism's render thread (which rasterizes). */
    private static long cpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t = mx.getCurrentThreadCpuTime();
        if (renderThread == 0) {
            renderThread = Thread.getAllStackTraces().keySet().stream().filter(th -> th.getName().startsWith("QuantumRenderer"))
                    .mapToLong(Thread::getId).findFirst().orElse(-1);
        }
        return t + (renderThread > 0 ? Math.max(0, mx.getThreadCpuTime(renderThread)) : 0);
    }

    private static long renderThread;
    /**
     * One image for every snapshot: a new 1280x720 image per frame (3.7 MB) made the young
     * collector run every few dozen frames, and its pauses showed up as ~27 ms frames (blank
     * ones too) that a screen, which copies nothing back, does not have.
     */
    private static final javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(WIDTH, HEIGHT);

    private static void frames(Canvas canvas, GraphicsContext g, ChartPainter painter, ChartPainter.Palette palette,
                               CandleSeries series, List<Overlay> overlays, List<TradeMarker> markers, int n,
                               IntFunction<Viewport> view) {
        for (int f = 0; f < n; f++) {
            painter.paint(g, WIDTH, HEIGHT, series, view.apply(f), overlays, markers, -1, palette);
            canvas.snapshot(null, image);
        }
    }

    private static Phase measure(String name, Canvas canvas, GraphicsContext g, ChartPainter painter, ChartPainter.Palette palette,
                                 CandleSeries series, List<Overlay> overlays, List<TradeMarker> markers, int n,
                                 IntFunction<Viewport> view) {
        Phase p = new Phase(name, n);
        for (int f = 0; f < n; f++) {
            long c = cpu();
            long t = System.nanoTime();
            Viewport v = view.apply(f);
            painter.paint(g, WIDTH, HEIGHT, series, v, overlays, markers, v.from() + 5, palette);
            long painted = System.nanoTime();
            canvas.snapshot(null, image);
            p.add(System.nanoTime() - t, painted - t, cpu() - c);
            p.maxBars = Math.max(p.maxBars, painter.drawnBars());
        }
        return p;
    }

    private static Phase measureNoHover(String name, Canvas canvas, GraphicsContext g, ChartPainter painter,
                                        ChartPainter.Palette palette, CandleSeries series, List<Overlay> overlays,
                                        List<TradeMarker> markers, int n, IntFunction<Viewport> view) {
        Phase p = new Phase(name, n);
        for (int f = 0; f < n; f++) {
            long c = cpu();
            long t = System.nanoTime();
            painter.paint(g, WIDTH, HEIGHT, series, view.apply(f), overlays, markers, -1, palette);
            long painted = System.nanoTime();
            canvas.snapshot(null, image);
            p.add(System.nanoTime() - t, painted - t, cpu() - c);
        }
        return p;
    }

    /** Frame times of one kind of frame. */
    private static final class Phase {
        final String name;
        final long[] frame;
        final long[] paint;
        final long[] cpu;
        int n;
        int maxBars;

        Phase(String name, int size) {
            this.name = name;
            this.frame = new long[size];
            this.paint = new long[size];
            this.cpu = new long[size];
        }

        static Phase merge(String name, Phase... phases) {
            Phase all = new Phase(name, Arrays.stream(phases).mapToInt(Phase::size).sum());
            for (Phase p : phases) {
                for (int i = 0; i < p.n; i++) {
                    all.add(p.frame[i], p.paint[i], p.cpu[i]);
                }
            }
            return all;
        }

        void add(long frameNanos, long paintNanos, long cpuNanos) {
            frame[n] = frameNanos;
            paint[n] = paintNanos;
            cpu[n++] = cpuNanos;
        }

        int size() {
            return frame.length;
        }

        String line() {
            long[] f = Arrays.copyOf(frame, n);
            long[] p = Arrays.copyOf(paint, n);
            long[] c = Arrays.copyOf(cpu, n);
            Arrays.sort(f);
            Arrays.sort(p);
            Arrays.sort(c);
            return String.format(Locale.US, "  %-45s frames %4d | wall p50 %6.2f  p99 %6.2f  max %6.2f ms"
                            + " | CPU p50 %6.2f  p99 %6.2f  max %6.2f ms | paint call p50 %5.2f  p99 %5.2f ms%n", name, n,
                    ms(f, 0.50), ms(f, 0.99), f[n - 1] / 1e6, ms(c, 0.50), ms(c, 0.99), c[n - 1] / 1e6, ms(p, 0.50), ms(p, 0.99));
        }

        private static double ms(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }
}
