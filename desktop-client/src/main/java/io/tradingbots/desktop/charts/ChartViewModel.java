package io.tradingbots.desktop.charts;

import io.tradingbots.api.v1.ChartFill;
import io.tradingbots.api.v1.ChartPane;
import io.tradingbots.api.v1.GetBotChartRequest;
import io.tradingbots.api.v1.GetBotChartResponse;
import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.api.v1.IndicatorLine;
import io.tradingbots.desktop.engine.BotChartSource;
import io.tradingbots.desktop.engine.CandleSource;
import io.tradingbots.desktop.engine.EngineException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
    /** Candles of a bot's chart: its newest 20,000 bars at most (the engine's default). */
    public static final int BOT_CANDLES = 20_000;
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
    private final ObservableList<BotChoice> bots = FXCollections.observableArrayList();
    private final ObjectProperty<BotChoice> selectedBot = new SimpleObjectProperty<>(this, "selectedBot");
    private final ObservableList<BotFill> fills = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper botInfo = new ReadOnlyStringWrapper(this, "botInfo", "");
    private BotChartSource botSource;
    /** The charted bot's lines while a bot is shown; null while a stored series is shown (SMA of the spinners). */
    private List<Overlay> botLines;

    public ChartViewModel(CandleSource source, Executor background, Executor ui) {
        this.source = source;
        this.background = background;
        this.ui = ui;
        fastPeriod.addListener((o, a, b) -> recomputeOverlays());
        slowPeriod.addListener((o, a, b) -> recomputeOverlays());
        hover.addListener((o, a, b) -> readout.set(describe(b.intValue())));
        selected.addListener((o, a, b) -> {
            if (b != null && !b.equals(a)) {
                selectedBot.set(null);
                load();
            }
        });
        selectedBot.addListener((o, a, b) -> {
            if (b != null && !b.equals(a)) {
                selected.set(null);
                loadBot();
            }
        });
    }

    /** Lets the view chart bots too (their candles, their strategy's lines and their fills); without it, only stored series. */
    public void useBots(BotChartSource source) {
        this.botSource = source;
    }

    /** Asks the engine for its stored series (and bots) again; keeps the selection when it is still there; reloads a charted bot. */
    public void refresh() {
        refreshBots();
        background.execute(() -> {
            try {
                List<SeriesChoice> choices = source.inventory().stream().filter(s -> s.getCount() > 0)
                        .map(SeriesChoice::of).toList();
                ui.execute(() -> {
                    SeriesChoice before = selected.get();
                    series.setAll(choices);
                    if (choices.isEmpty()) {
                        message.set("no candles are stored yet: fetch some in the History tab (Ctrl+H)");
                    } else if (selectedBot.get() == null && (before == null || choices.stream().noneMatch(c -> same(c, before)))) {
                        selected.set(choices.get(0));
                    }
                });
            } catch (EngineException e) {
                ui.execute(() -> message.set(e.getMessage()));
            }
        });
    }

    private void refreshBots() {
        BotChartSource source = botSource;
        if (source == null) {
            return;
        }
        background.execute(() -> {
            try {
                List<BotChoice> choices = source.list().getBotsList().stream().map(BotChoice::of).toList();
                ui.execute(() -> {
                    BotChoice before = selectedBot.get();
                    bots.setAll(choices);
                    if (before != null) {
                        selectedBot.set(choices.stream().filter(c -> c.id().equals(before.id())).findFirst().orElse(null));
                        if (selectedBot.get() != null) {
                            loadBot();
                        }
                    }
                });
            } catch (EngineException e) {
                // an engine without the BotService: the picker stays empty, stored series still chart
                ui.execute(bots::clear);
            }
        });
    }

    /** Loads the chosen bot's newest {@value #BOT_CANDLES} candles with its lines and fills. */
    public void loadBot() {
        BotChoice bot = selectedBot.get();
        BotChartSource source = botSource;
        if (bot == null || source == null) {
            return;
        }
        long id = loads.incrementAndGet();
        loading.set(true);
        message.set("");
        GetBotChartRequest request = GetBotChartRequest.newBuilder().setId(bot.id()).setMaxCandles(BOT_CANDLES).build();
        background.execute(() -> {
            GetBotChartResponse chart;
            try {
                chart = source.chart(request);
            } catch (EngineException | RuntimeException e) {
                ui.execute(() -> {
                    if (loads.get() == id) {
                        loading.set(false);
                        message.set("cannot chart bot " + bot.id() + ": " + e.getMessage());
                    }
                });
                return;
            }
            ChartData data;
            try {
                data = ChartData.of(chart);
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    if (loads.get() == id) {
                        loading.set(false);
                        message.set("bot " + bot.id() + ": the engine sent a chart that does not fit together: " + e.getMessage());
                    }
                });
                return;
            }
            ui.execute(() -> {
                if (loads.get() == id) {
                    showBot(data);
                }
            });
        });
    }

    /** A bot's chart, decoded off the UI thread. */
    record ChartData(String title, CandleSeries candles, List<Overlay> lines, List<BotFill> fills, String source) {

        static ChartData of(GetBotChartResponse r) {
            CandleSeries s = new CandleSeries(Math.max(16, r.getCandles().getOpenTimesCount()));
            s.add(r.getCandles());
            List<Overlay> lines = new ArrayList<>();
            for (IndicatorLine l : r.getLinesList()) {
                if (l.getValuesCount() != s.size()) {
                    throw new IllegalArgumentException("line " + l.getName() + " has " + l.getValuesCount() + " values for " + s.size() + " candles");
                }
                double[] v = new double[l.getValuesCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = l.getValues(i);
                }
                boolean separate = l.getPane() == ChartPane.CHART_PANE_SEPARATE;
                lines.add(new Overlay(l.getName(), v, separate ? Overlay.Pane.SEPARATE : Overlay.Pane.PRICE,
                        !separate ? "" : l.getGroup().isEmpty() ? l.getName() : l.getGroup()));
            }
            List<BotFill> fills = new ArrayList<>();
            for (ChartFill f : r.getFillsList()) {
                TradeMarker.Side side = "SELL".equals(f.getSide()) ? TradeMarker.Side.SELL : TradeMarker.Side.BUY;
                fills.add(new BotFill(f.getTime(), side, new BigDecimal(f.getPrice()), new BigDecimal(f.getQuantity()),
                        f.getFee().isEmpty() ? BigDecimal.ZERO : new BigDecimal(f.getFee()), f.getFeeAsset(), f.getClientOrderId()));
            }
            String title = r.getStrategy() + " on " + r.getSymbol() + " " + r.getTimeframe() + " · " + r.getCandleSource()
                    + (r.getTruncated() ? " · newest " + String.format(Locale.US, "%,d", s.size()) + " candles" : "")
                    + " · " + fills.size() + (fills.size() == 1 ? " fill" : " fills");
            return new ChartData(title, s, List.copyOf(lines), List.copyOf(fills), r.getCandleSource());
        }
    }

    /** Shows a bot's chart: its candles, its lines instead of the SMA spinners', its fills as markers and in the list. */
    void showBot(ChartData data) {
        botLines = data.lines();
        show(data.candles());
        fills.setAll(data.fills());
        markers.setAll(data.fills().stream().map(BotFill::marker).toList());
        botInfo.set(data.title());
        if (data.candles().size() == 0) {
            message.set("no candles for this bot: " + data.source());
        }
    }

    /** Centres the view on a fill (a click in the fills list), keeping the zoom. */
    public void showFill(BotFill f) {
        int i = candles.get().indexAtOrBefore(f.marker().time());
        if (i < 0) {
            return;
        }
        Viewport v = viewport.get();
        viewport.set(new Viewport(i + 0.5 - v.span() / 2, v.span(), v.total()));
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
        botLines = null;
        fills.clear();
        markers.clear();
        botInfo.set("");
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
        if (botLines != null) {
            overlays.set(botLines);
            return;
        }
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
        StringBuilder b = new StringBuilder(MINUTE.format(Instant.ofEpochMilli(s.time(i))) + " UTC   O " + number(s.open(i), d) + "   H "
                + number(s.high(i), d) + "   L " + number(s.low(i), d) + "   C " + number(s.close(i), d)
                + "   V " + number(s.volume(i), 4));
        for (BotFill f : fills) {
            if (markerIndex(f.marker()) == i) {
                b.append("   · ").append(f.brief());
            }
        }
        return b.toString();
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

    public ObservableList<BotChoice> bots() {
        return bots;
    }

    public ObjectProperty<BotChoice> selectedBotProperty() {
        return selectedBot;
    }

    /** The charted bot's fills, oldest first (empty for a stored series). */
    public ObservableList<BotFill> fills() {
        return fills;
    }

    /** "sma-cross(fast=10, slow=30) on BTC/USD 15m · the bot's own bars (1,000) · 12 fills"; empty for a stored series. */
    public ReadOnlyStringProperty botInfoProperty() {
        return botInfo.getReadOnlyProperty();
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
