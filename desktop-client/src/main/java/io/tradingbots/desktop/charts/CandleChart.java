package io.tradingbots.desktop.charts;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The chart node: a canvas redrawn at most once per pulse (changes only mark it dirty and ask for
 * a layout) from the {@link ChartViewModel}, with mouse and keys forwarded to it. Wheel: zoom at
 * the cursor; drag: pan; Left/Right: pan (Shift: five times as far); Up/Down or +/-: zoom;
 * Home/End: oldest/newest candles; A: all candles. Colours come from the theme through hidden
 * labels styled in ChartView.css.
 */
public final class CandleChart extends Region {

    private final ChartViewModel model;
    private final Canvas canvas = new Canvas();
    private final ChartPainter painter = new ChartPainter();
    private final Label bg = probe("chart-background");
    private final Label grid = probe("chart-grid");
    private final Label text = probe("chart-text");
    private final Label up = probe("chart-up");
    private final Label down = probe("chart-down");
    private final Label fast = probe("chart-fast");
    private final Label slow = probe("chart-slow");
    private boolean dirty = true;
    private double dragX = Double.NaN;
    private long paints;

    public CandleChart(ChartViewModel model) {
        this.model = model;
        getStyleClass().add("candle-chart");
        setFocusTraversable(true);
        getChildren().addAll(canvas, bg, grid, text, up, down, fast, slow);
        model.viewportProperty().addListener((o, a, b) -> redraw());
        model.candlesProperty().addListener((o, a, b) -> redraw());
        model.overlaysProperty().addListener((o, a, b) -> redraw());
        model.hoverProperty().addListener((o, a, b) -> redraw());
        model.markers().addListener((ListChangeListener<TradeMarker>) c -> redraw());
        model.fills().addListener((ListChangeListener<BotFill>) c -> redraw());
        sceneProperty().addListener((o, a, b) -> redraw());

        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                model.zoom(e.getDeltaY() / 40, e.getX() / plotWidth());
                e.consume();
            }
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            dragX = e.getX();
            e.consume(); // or the TabPane takes the focus back, and its arrow keys switch tabs
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!Double.isNaN(dragX)) {
                model.drag(e.getX() - dragX, plotWidth());
                dragX = e.getX();
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragX = Double.NaN);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> model.hover(e.getX() < plotWidth()
                ? model.viewportProperty().get().indexAt(e.getX(), plotWidth()) : -1));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.hover(-1));
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    private void onKey(KeyEvent e) {
        double times = e.isShiftDown() ? 5 : 1;
        switch (e.getCode()) {
            case LEFT -> model.pan(-times);
            case RIGHT -> model.pan(times);
            case UP, PLUS, EQUALS, ADD -> model.zoom(times, 0.5);
            case DOWN, MINUS, SUBTRACT -> model.zoom(-times, 0.5);
            case HOME -> model.jump(false);
            case END -> model.jump(true);
            case A -> model.showAll();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private static Label probe(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setVisible(false);
        l.setManaged(false);
        return l;
    }

    private void redraw() {
        dirty = true;
        requestLayout();
    }

    private double plotWidth() {
        return ChartPainter.plotWidth(getWidth());
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
        if (dirty && w > 0 && h > 0) {
            dirty = false;
            paints++;
            painter.paint(canvas.getGraphicsContext2D(), w, h, model.candlesProperty().get(), model.viewportProperty().get(),
                    model.overlaysProperty().get(), List.copyOf(model.markers()), model.hoverProperty().get(), palette());
        }
    }

    private ChartPainter.Palette palette() {
        ChartPainter.Palette d = ChartPainter.Palette.dark();
        return new ChartPainter.Palette(color(bg, d.background()), color(grid, d.grid()), color(text, d.text()),
                color(up, d.up()), color(down, d.down()), ChartPainter.lines(color(fast, d.overlays().get(0)), color(slow, d.overlays().get(1))),
                color(up, d.buy()).brighter(), color(down, d.sell()).brighter(), color(text, d.crosshair()).deriveColor(0, 1, 1, 0.5));
    }

    private static Color color(Label probe, Color fallback) {
        Paint p = probe.getTextFill();
        return p instanceof Color c && probe.getScene() != null ? c : fallback;
    }

    /** Candles (or aggregated columns) the last frame drew: what the UI test checks. */
    public int drawnBars() {
        return painter.drawnBars();
    }

    /** Frames painted so far. */
    public long paints() {
        return paints;
    }

    public Canvas canvas() {
        return canvas;
    }

    public ChartViewModel model() {
        return model;
    }
}
