package io.tradingbots.desktop.charts;

import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.desktop.engine.CandleSource;
import io.tradingbots.desktop.engine.EngineException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Charts view's state: the stored series to pick from, the loaded candles, which of them are
 * visible ({@link Viewport}: zoom and pan), the overlay lines (SMA fast and slow of the closes),
 * entry and exit markers, and the read-out of the candle under the cursor. Engine calls run on
 * {@code background}; what they change is set on {@code ui}.
 */
public final class ChartViewModel {

    /** Candles loaded at most: nearly four years of one-minute candles (~96 MB). */
    public static final int MAX_LOAD = 2_000_000;
    /** Candles shown after a load: the newest four hours of one-minute candles. */
    public static final double INITIAL_SPAN = 240;
    /** Zoom per wheel notch or key press. */
    public static final double ZOOM_STEP = 1.25;
    /** Pan per arrow key press, as a share of the visible candles. */
    public static final double PAN_STEP = 0.1;

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.US).withZone(ZoneOffset.UTC);

    private final CandleSource source;
    private final Executor background;
    private final Executor ui;
    private final AtomicLong loads = new AtomicLong();
    private final ObservableList<SeriesChoice> series = FXCollections.observableArrayList();
    private final ObjectProperty<SeriesChoice> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<CandleSeries> candles = new ReadOnlyObjectWrapper<>(this, "candles", new CandleSeries());
    private final ReadOnlyObjectWrapper<Viewport> viewport = new ReadOnlyObjectWrapper<>(this, "viewport", new Viewport(0, 1, 0));
    private final IntegerProperty fastPeriod = new SimpleIntegerProperty(this, "fastPeriod", 10);
    private final IntegerProperty slowPeriod = new SimpleIntegerProperty(this, "slowPeriod", 30);
    private final ReadOnlyObjectWrapper<List<Overlay>> overlays = new ReadOnlyObjectWrapper<>(this, "overlays", List.of());
    private final ObservableList<TradeMarker> markers = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper hover = new ReadOnlyIntegerWrapper(this, "hover", -1);
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);

    public ChartViewModel(CandleSource source, Executor background, Executor ui) {
        this.source = source;
        this.background = background;
        this.ui = ui;
        fastPeriod.addListener((o, a, b) -> recomputeOverlays());
        slowPeriod.addListener((o, a, b) -> recomputeOverlays());
        hover.addListener((o, a, b) -> readout.set(describe(b.intValue())));
        selected.addListener((o, a, b) -> {
            if (b != null && !b.equals(a)) {
                load();
            }
        });
    }

    /** Asks the engine for its stored series again; keeps the selection when it is still there. */
    public void refresh() {
        background.execute(() -> {
            try {
                List<SeriesChoice> choices = source.inventory().stream().filter(s -> s.getCount() > 0)
                        .map(SeriesChoice::of).toList();
                ui.execute(() -> {
                    SeriesChoice before = selected.get();
                    series.setAll(choices);
                    if (choices.isEmpty()) {
                        message.set("no candles are stored yet: fetch some in the History tab (Ctrl+H)");
                    } else if (before == null || choices.stream().noneMatch(c -> same(c, before))) {
                        selected.set(choices.get(0));
                    }
                });
            } catch (EngineException e) {
                ui.execute(() -> message.set(e.getMessage()));
            }
        });
    }

    private static boolean same(SeriesChoice a, SeriesChoice b) {
        return a.exchange().equals(b.exchange()) && a.symbol().equals(b.symbol()) && a.timeframe().equals(b.timeframe());
    }

    /** Loads the selected series (its newest {@value #MAX_LOAD} candles) and shows its newest candles. */
    public void load() {
        SeriesChoice choice = selected.get();
        if (choice == null) {
            return;
        }
        long id = loads.incrementAndGet();
        loading.set(true);
        message.set("");
        GetCandlesRequest request = GetCandlesRequest.newBuilder().setExchange(choice.exchange())
                .setSymbol(choice.symbol()).setTimeframe(choice.timeframe()).setMaxCandles(MAX_LOAD).build();
        background.execute(() -> {
            CandleSeries loaded = new CandleSeries((int) Math.min(MAX_LOAD, Math.max(16, choice.count())));
            try {
                source.candles(request, chunk -> {
                    if (loads.get() != id) {
                        throw new SupersededException(); // another series was picked meanwhile
                    }
                    loaded.add(chunk);
                });
            } catch (SupersededException e) {
                return;
            } catch (EngineException | RuntimeException e) {
                ui.execute(() -> {
                    if (loads.get() == id) {
                        loading.set(false);
                        message.set("cannot load " + choice.symbol() + " " + choice.timeframe() + ": " + e.getMessage());
                    }
                });
                return;
            }
            ui.execute(() -> {
                if (loads.get() == id) {
                    show(loaded);
                }
            });
        });
    }

    private static final class SupersededException extends RuntimeException {
        SupersededException() {
            super(null, null, false, false);
        }
    }

    /** Shows candles already in memory (a load's result; benchmarks and tests give their own). */
    public void show(CandleSeries loaded) {
        candles.set(loaded);
        viewport.set(Viewport.latest(loaded.size(), INITIAL_SPAN));
        recomputeOverlays();
        hover.set(-1);
        readout.set("");
        loading.set(false);
        if (loaded.size() == 0) {
            message.set("the engine sent no candles for this series");
        }
    }

    private void recomputeOverlays() {
        CandleSeries s = candles.get();
        if (s.size() == 0 || fastPeriod.get() < 1 || slowPeriod.get() < 1) {
            overlays.set(List.of());
            return;
        }
        double[] closes = s.closes();
        overlays.set(List.of(new Overlay("SMA " + fastPeriod.get(), Sma.of(closes, fastPeriod.get())),
                new Overlay("SMA " + slowPeriod.get(), Sma.of(closes, slowPeriod.get()))));
    }

    /** Zooms in ({@code notches} > 0) or out around {@code anchor} (0 = left edge of the plot, 1 = right). */
    public void zoom(double notches, double anchor) {
        viewport.set(viewport.get().zoom(Math.pow(ZOOM_STEP, -notches), anchor));
    }

    /** Moves by {@code steps} arrow presses (negative: older candles). */
    public void pan(double steps) {
        Viewport v = viewport.get();
        viewport.set(v.pan(steps * Math.max(1, v.span() * PAN_STEP)));
    }

    /** A mouse drag of {@code dx} pixels on a plot {@code width} wide. */
    public void drag(double dx, double width) {
        viewport.set(viewport.get().drag(dx, width));
    }

    /** Jumps to the oldest ({@code newest} false) or newest candles, keeping the zoom. */
    public void jump(boolean newest) {
        Viewport v = viewport.get();
        viewport.set(new Viewport(newest ? v.total() : 0, v.span(), v.total()));
    }

    /** Shows everything loaded. */
    public void showAll() {
        int n = candles.get().size();
        viewport.set(new Viewport(0, n, n));
    }

    /** The candle under the cursor, or -1 when it left the plot. */
    public void hover(int index) {
        hover.set(index < 0 || index >= candles.get().size() ? -1 : index);
    }

    /** "2024-03-01 13:45 UTC  O 43,000.01  H …  L …  C …  V 12.5" for candle {@code i}; empty for -1. */
    String describe(int i) {
        CandleSeries s = candles.get();
        if (i < 0 || i >= s.size()) {
            return "";
        }
        int d = Math.min(8, s.priceDecimals());
        return MINUTE.format(Instant.ofEpochMilli(s.time(i))) + " UTC   O " + number(s.open(i), d) + "   H "
                + number(s.high(i), d) + "   L " + number(s.low(i), d) + "   C " + number(s.close(i), d)
                + "   V " + number(s.volume(i), 4);
    }

    /** Grouped digits, at most {@code decimals} decimals, no trailing zeros beyond two. */
    static String number(double v, int decimals) {
        BigDecimal b = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (b.scale() < 2 && decimals >= 2) {
            b = b.setScale(2, RoundingMode.UNNECESSARY);
        }
        if (b.scale() < 0) {
            b = b.setScale(0, RoundingMode.UNNECESSARY);
        }
        return String.format(Locale.US, "%,." + b.scale() + "f", b);
    }

    /** Entries and exits to mark; a bots or backtest view sets them, the chart draws them. */
    public void setMarkers(List<TradeMarker> list) {
        markers.setAll(list);
    }

    /** Index of the candle a marker belongs to (the one open at its time), or -1 when outside the series. */
    public int markerIndex(TradeMarker m) {
        CandleSeries s = candles.get();
        int i = s.indexAtOrBefore(m.time());
        return i < 0 || (i == s.size() - 1 && m.time() >= s.time(i) + step(s)) ? -1 : i;
    }

    private static long step(CandleSeries s) {
        return s.size() < 2 ? Long.MAX_VALUE / 4 : s.time(1) - s.time(0);
    }

    public ObservableList<SeriesChoice> series() {
        return series;
    }

    public ObjectProperty<SeriesChoice> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<CandleSeries> candlesProperty() {
        return candles.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Viewport> viewportProperty() {
        return viewport.getReadOnlyProperty();
    }

    public IntegerProperty fastPeriodProperty() {
        return fastPeriod;
    }

    public IntegerProperty slowPeriodProperty() {
        return slowPeriod;
    }

    public ReadOnlyObjectProperty<List<Overlay>> overlaysProperty() {
        return overlays.getReadOnlyProperty();
    }

    public ObservableList<TradeMarker> markers() {
        return markers;
    }

    public ReadOnlyIntegerProperty hoverProperty() {
        return hover.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
