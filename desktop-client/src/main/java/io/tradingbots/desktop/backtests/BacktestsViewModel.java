package io.tradingbots.desktop.backtests;

import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.BacktestResult;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.EquityPoint;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.StrategyInfo;
import io.tradingbots.desktop.engine.BacktestSource;
import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.engine.HistorySource;
import io.tradingbots.desktop.support.Coalescer;
import io.tradingbots.desktop.support.Formats;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Backtests view's state: the form (series from the engine's inventory, strategy and its
 * parameters, fee, capital, slippage, dates), the run's progress, the result (metrics next to
 * buy-and-hold, equity curve, trades) and the stored results. Engine calls run on
 * {@code background}; what they change is set on {@code ui}, run events batched by a {@link Coalescer}.
 */
public final class BacktestsViewModel {

    /** A stored series the form can pick; the label is what the choice box shows. */
    public record Series(String exchange, String symbol, String timeframe, long firstOpen, long lastOpen, long count) {
        static Series of(SeriesInventory s) {
            return new Series(s.getExchange(), s.getSymbol(), s.getTimeframe(), s.getFirstOpenTime(), s.getLastOpenTime(),
                    s.getCount());
        }

        @Override
        public String toString() {
            return symbol + " " + timeframe + " · " + exchange + " (" + Formats.count(count) + " candles)";
        }
    }

    /** One equity curve point: open time (ms UTC) and equity. */
    public record Point(long time, double equity) {}

    private final BacktestSource engine;
    private final HistorySource history;
    private final Executor background;
    private final Executor ui;
    private final Coalescer<Object> events;
    private final ObservableList<Series> series = FXCollections.observableArrayList();
    private final ObservableList<String> strategyNames = FXCollections.observableArrayList();
    private final List<StrategyInfo> strategies = new ArrayList<>();
    private final ObservableList<ParamField> params = FXCollections.observableArrayList();
    private final ObjectProperty<Series> selectedSeries = new SimpleObjectProperty<>(this, "series");
    private final StringProperty strategy = new SimpleStringProperty(this, "strategy");
    private final StringProperty fee = new SimpleStringProperty(this, "fee", "0.001");
    private final StringProperty capital = new SimpleStringProperty(this, "capital", "1000");
    private final StringProperty slippage = new SimpleStringProperty(this, "slippage", "0");
    private final StringProperty secondExchange = new SimpleStringProperty(this, "secondExchange", "");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
    private final EngineRun run = new EngineRun(this);
    private final ReadOnlyObjectWrapper<BacktestResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper resultTitle = new ReadOnlyStringWrapper(this, "resultTitle", "");
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<TradeRow> trades = FXCollections.observableArrayList();
    private final ObservableList<Point> curve = FXCollections.observableArrayList();
    private final ObservableList<StoredRow> stored = FXCollections.observableArrayList();
    private final WalkForwardViewModel walkForward;

    private record Failure(String message) {}

    public BacktestsViewModel(BacktestSource engine, HistorySource history, Executor background, Executor ui) {
        this.engine = engine;
        this.history = history;
        this.background = background;
        this.ui = ui;
        this.events = new Coalescer<>(ui, this::apply);
        this.walkForward = new WalkForwardViewModel(engine, this::formRequest, ui);
        strategy.addListener((obs, before, now) -> showParams(now));
    }

    /** Asks the engine for its series, strategies and stored results (when the tab is shown). */
    public void refresh() {
        call(() -> {
            List<Series> s = history.inventory().stream().filter(i -> i.getCount() > 1).map(Series::of).toList();
            List<StrategyInfo> st = engine.strategies();
            List<StoredRow> rows = engine.stored().stream().map(StoredRow::of).toList();
            ui.execute(() -> {
                Series keep = selectedSeries.get();
                series.setAll(s);
                if (keep == null || !s.contains(keep)) {
                    selectedSeries.set(s.isEmpty() ? null : s.get(0));
                }
                strategies.clear();
                strategies.addAll(st);
                strategyNames.setAll(st.stream().map(StrategyInfo::getName).toList());
                if (strategy.get() == null || !strategyNames.contains(strategy.get())) {
                    strategy.set(strategyNames.isEmpty() ? null : strategyNames.get(0));
                } else {
                    showParams(strategy.get());
                }
                stored.setAll(rows);
                if (!run.isRunning()) {
                    run.say("");
                }
            });
        });
    }

    private void refreshStored() {
        call(() -> {
            List<StoredRow> rows = engine.stored().stream().map(StoredRow::of).toList();
            ui.execute(() -> stored.setAll(rows));
        });
    }

    private void showParams(String name) {
        params.setAll(strategies.stream().filter(s -> s.getName().equals(name)).findFirst()
                .map(s -> s.getParamsList().stream().map(ParamField::new).toList()).orElse(List.of()));
    }

    /** Starts a backtest of the form; a refusal shows in {@link #messageProperty()}. */
    public void run() {
        if (run.isRunning()) {
            return;
        }
        RunBacktestRequest r = formRequest();
        if (r == null) {
            return;
        }
        run.start(() -> engine.run(r, new BacktestSource.RunListener() {
            @Override
            public void onProgress(BacktestProgress p) {
                events.offer(p);
            }

            @Override
            public void onResult(BacktestResult done) {
                events.offer(done);
            }

            @Override
            public void onFailure(String why) {
                events.offer(new Failure(why));
            }
        }));
    }

    /**
     * The form as a request (also the base of a walk-forward); null, with the reason in
     * {@link #messageProperty()}, when no series or strategy is picked.
     */
    RunBacktestRequest formRequest() {
        Series s = selectedSeries.get();
        if (s == null || strategy.get() == null) {
            run.say("pick a stored series and a strategy (no series? fetch or import candles in the History tab)");
            return null;
        }
        RunBacktestRequest.Builder r = RunBacktestRequest.newBuilder().setExchange(s.exchange()).setSymbol(s.symbol())
                .setTimeframe(s.timeframe()).setStrategy(strategy.get()).setFee(text(fee)).setCapital(text(capital))
                .setSlippageBps(text(slippage)).setSecondExchange(text(secondExchange));
        for (ParamField p : params) {
            if (p.changed()) {
                r.putParams(p.name(), p.valueProperty().get().strip());
            }
        }
        if (from.get() != null) {
            r.setFromTime(from.get().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        }
        if (to.get() != null) { // the "to" day is included
            r.setToTime(to.get().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        }
        return r.build();
    }

    /** Stops the run in the engine; nothing is stored. */
    public void cancel() {
        run.cancel();
    }

    /** Shows a stored result in full. */
    public void open(StoredRow row) {
        if (row == null) {
            return;
        }
        call(() -> {
            BacktestResult r = engine.stored(row.id());
            ui.execute(() -> show(r));
        });
    }

    /** Stops following a run or walk-forward (leaving the view); the engine cancels it. */
    public void stop() {
        cancel();
        walkForward.cancel();
    }

    /** Walk-forward validation of this form. */
    public WalkForwardViewModel walkForward() {
        return walkForward;
    }

    private void apply(List<Object> batch) {
        if (!run.isRunning()) {
            return; // cancelled meanwhile
        }
        for (Object e : batch) {
            if (e instanceof BacktestProgress p) {
                run.progress(p.getFraction(), switch (p.getStage()) {
                    case STAGE_LOADING -> "loading candles…";
                    case STAGE_RUNNING -> "running " + Formats.count(p.getBars()) + " bars… "
                            + Math.round(p.getFraction() * 100) + "%";
                    case STAGE_STORING -> "storing the result…";
                    default -> "";
                });
            } else if (e instanceof BacktestResult r) {
                run.done("done in the engine: result " + r.getSummary().getId());
                show(r);
                refreshStored();
                return;
            } else if (e instanceof Failure f) {
                run.failed(f.message());
                return;
            }
        }
    }

    private void show(BacktestResult r) {
        BacktestSummary s = r.getSummary();
        result.set(r);
        String params = s.getParamsMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        resultTitle.set("#" + s.getId() + "  " + s.getStrategy() + " " + params + "  on " + s.getSymbol() + " "
                + s.getTimeframe() + " · " + s.getExchange() + ", " + Formats.utcMinute(s.getFirstOpenTime()) + " → "
                + Formats.utcMinute(s.getLastOpenTime()) + " UTC (" + Formats.count(s.getBars()) + " bars), fee "
                + s.getFee() + ", capital " + Formats.money(s.getCapital()) + ", slippage " + s.getSlippageBps() + " bps");
        metrics.setAll(MetricRow.of(r.getMetrics(), r.getBuyAndHold()));
        List<TradeRow> rows = new ArrayList<>(r.getTradesCount());
        for (int i = 0; i < r.getTradesCount(); i++) {
            rows.add(TradeRow.of(i + 1, r.getTrades(i)));
        }
        trades.setAll(rows);
        List<Point> points = new ArrayList<>(r.getEquityCurveCount());
        for (EquityPoint p : r.getEquityCurveList()) {
            BigDecimal e = BacktestText.parse(p.getEquity());
            if (e != null) {
                points.add(new Point(p.getTime(), e.doubleValue()));
            }
        }
        curve.setAll(points);
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().strip();
    }

    /** Runs an engine call off the UI thread; shows the engine's words on failure. */
    private void call(EngineCall engineCall) {
        background.execute(() -> {
            try {
                engineCall.run();
            } catch (EngineException e) {
                ui.execute(() -> run.say(e.getMessage()));
            }
        });
    }

    private interface EngineCall {
        void run() throws EngineException;
    }

    public ObservableList<Series> series() {
        return series;
    }

    public ObjectProperty<Series> selectedSeriesProperty() {
        return selectedSeries;
    }

    public ObservableList<String> strategyNames() {
        return strategyNames;
    }

    public StringProperty strategyProperty() {
        return strategy;
    }

    /** The chosen strategy's parameters, in the engine's order. */
    public ObservableList<ParamField> params() {
        return params;
    }

    public StringProperty feeProperty() {
        return fee;
    }

    public StringProperty capitalProperty() {
        return capital;
    }

    public StringProperty slippageProperty() {
        return slippage;
    }

    /** arbitrage: the other source of the series. */
    public StringProperty secondExchangeProperty() {
        return secondExchange;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** Last day included (UTC); empty = up to the last candle. */
    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return run.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return run.progressProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return run.statusProperty();
    }

    /** The last refusal or failure in the engine's words. */
    public ReadOnlyStringProperty messageProperty() {
        return run.messageProperty();
    }

    public ReadOnlyObjectProperty<BacktestResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultTitleProperty() {
        return resultTitle.getReadOnlyProperty();
    }

    public ObservableList<MetricRow> metrics() {
        return metrics;
    }

    public ObservableList<TradeRow> trades() {
        return trades;
    }

    /** The strategy's equity curve (at most 2,000 points, as the engine sampled it). */
    public ObservableList<Point> curve() {
        return curve;
    }

    /** Stored results, newest first. */
    public ObservableList<StoredRow> stored() {
        return stored;
    }
}
