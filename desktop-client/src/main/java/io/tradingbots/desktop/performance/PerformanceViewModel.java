package io.tradingbots.desktop.performance;

import io.tradingbots.api.v1.BacktestResult;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.EquityPoint;
import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.desktop.engine.BacktestSource;
import io.tradingbots.desktop.engine.BotSource;
import io.tradingbots.desktop.engine.EngineErrors;
import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.support.Formats;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Performance view's state: every bot's equity curve (its ExportBot equity CSV), drawn as
 * return and drawdown in percent so bots of any size compare; a comparison table of the bots, and
 * of the stored backtests the user adds, with buy-and-hold over the same period. Engine calls run
 * on {@code background}, results are set on {@code ui}; curves are downsampled (min/max kept) to
 * {@link Curves#MAX_POINTS} for the chart, while the table's figures use every point.
 */
public final class PerformanceViewModel {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** How often the curves reload while the tab is shown. */
    public static final Duration POLL_EVERY = Duration.ofSeconds(10);
    /** A reload after a fill or status change waits this long, so a burst of fills makes one reload. */
    public static final Duration AFTER_CHANGE = Duration.ofSeconds(2);

    /** Runs an action later, off the UI thread; the app uses a scheduler, tests hold the actions and run them. */
    public interface Later {
        void after(Duration delay, Runnable action);
    }

    private final BotSource bots;
    private final BacktestSource backtests;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<NamedCurve> returns = FXCollections.observableArrayList();
    private final ObservableList<NamedCurve> drawdowns = FXCollections.observableArrayList();
    private final ObservableList<ComparisonRow> comparison = FXCollections.observableArrayList();
    private final ObservableList<StoredChoice> stored = FXCollections.observableArrayList();
    private final ObjectProperty<StoredChoice> selectedStored = new SimpleObjectProperty<>(this, "selectedStored");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    /** Backtests the user added, kept across refreshes of the bots. */
    private final List<Loaded> addedBacktests = new ArrayList<>();
    private List<Loaded> loadedBots = List.of();
    private final Later later;
    // UI thread only:
    private boolean shown;
    /** Counts showings: a poll or change scheduled during an earlier one does nothing. */
    private long showing;
    private boolean changePending;
    /** A reload was asked for while one ran: it runs when that one ends. */
    private boolean reloadAfter;

    /** Polls with a timer on {@code background}'s threads. */
    public PerformanceViewModel(BotSource bots, BacktestSource backtests, Executor background, Executor ui) {
        this(bots, backtests, background, ui, (delay, action) -> CompletableFuture.delayedExecutor(
                delay.toMillis(), TimeUnit.MILLISECONDS, background).execute(action));
    }

    public PerformanceViewModel(BotSource bots, BacktestSource backtests, Executor background, Executor ui, Later later) {
        this.bots = bots;
        this.backtests = backtests;
        this.background = background;
        this.ui = ui;
        this.later = later;
    }

    /**
     * The tab was shown or hidden (on the UI thread). Shown: reloads now and every
     * {@link #POLL_EVERY} until hidden; a poll that finds a reload still running skips its turn, so
     * a slow engine never has two on their way.
     */
    public void setShown(boolean now) {
        if (now == shown) {
            return;
        }
        shown = now;
        showing++;
        if (now) {
            refresh();
            schedulePoll(showing);
        }
    }

    private void schedulePoll(long generation) {
        later.after(POLL_EVERY, () -> ui.execute(() -> {
            if (shown && showing == generation) {
                if (!loading.get()) {
                    refresh();
                }
                schedulePoll(generation);
            }
        }));
    }

    /**
     * A bot's figures changed (a fill, a status change; on the UI thread): while the tab is shown,
     * reloads {@link #AFTER_CHANGE} later, once for however many changes come meanwhile.
     */
    public void figuresChanged() {
        if (!shown || changePending) {
            return;
        }
        changePending = true;
        long generation = showing;
        later.after(AFTER_CHANGE, () -> ui.execute(() -> {
            changePending = false;
            if (shown && showing == generation) {
                refresh();
            }
        }));
    }

    /** A loaded curve with its table line, before downsampling. */
    private record Loaded(String name, List<CurvePoint> equity, ComparisonRow row) {}

    /**
     * Reloads every bot's equity export and the list of stored backtests (on the UI thread). Asked
     * while a reload runs, it runs once more after that one.
     */
    public void refresh() {
        if (loading.get()) {
            reloadAfter = true;
            return;
        }
        loading.set(true);
        status.set("loading equity curves…");
        background.execute(() -> {
            List<Loaded> loaded = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            try {
                for (Bot bot : bots.list().getBotsList()) {
                    try {
                        loaded.add(loadBot(bot));
                    } catch (EngineException | IOException | IllegalArgumentException e) {
                        problems.add(bot.getName() + ": " + e.getMessage());
                    }
                }
            } catch (EngineException e) {
                problems.add(EngineErrors.isUnimplemented(e) ? "this engine has no BotService: update the engine" : e.getMessage());
            } catch (RuntimeException e) {
                problems.add("bots: " + e.getMessage()); // never leave the view stuck in "loading"
            }
            List<StoredChoice> choices = new ArrayList<>();
            try {
                backtests.stored().forEach(s -> choices.add(StoredChoice.of(s)));
            } catch (EngineException | RuntimeException e) {
                problems.add("stored backtests: " + e.getMessage());
            }
            ui.execute(() -> {
                loadedBots = loaded;
                stored.setAll(choices);
                if (selectedStored.get() == null || !choices.contains(selectedStored.get())) {
                    selectedStored.set(choices.isEmpty() ? null : choices.get(0));
                }
                publish();
                status.set(loaded.size() + (loaded.size() == 1 ? " bot" : " bots") + ", " + choices.size() + " stored backtests");
                message.set(String.join("\n", problems));
                loading.set(false);
                if (reloadAfter) {
                    reloadAfter = false;
                    refresh();
                }
            });
        });
    }

    private Loaded loadBot(Bot bot) throws EngineException, IOException {
        StringWriter csv = new StringWriter();
        bots.export(bot.getId(), ExportKind.EXPORT_KIND_EQUITY, csv);
        List<EquityRow> rows = EquityCsv.parse(csv.toString());
        List<CurvePoint> equity = rows.stream().map(r -> new CurvePoint(r.time(), r.equity().doubleValue())).toList();
        String period = Formats.MISSING;
        String totalReturn = Formats.MISSING;
        String hold = Formats.MISSING;
        if (!rows.isEmpty()) {
            EquityRow first = rows.get(0);
            EquityRow last = rows.get(rows.size() - 1);
            period = Formats.utcMinute(first.time()) + " → " + Formats.utcMinute(last.time());
            totalReturn = change(first.equity(), last.equity());
            hold = change(first.price(), last.price());
        }
        ComparisonRow row = new ComparisonRow("bot", bot.getName() + " (" + bot.getSymbol() + " " + bot.getTimeframe() + ")",
                period, Formats.count(rows.size()), totalReturn,
                rows.isEmpty() ? Formats.MISSING : Formats.percent(Double.toString(Curves.maxDrawdown(equity) * 100)),
                Formats.count(bot.getFillCount()) + " fills", Formats.money(bot.getFeesPaid()), hold);
        return new Loaded(bot.getName(), equity, row);
    }

    /** Percent change from {@code from} to {@code to}, exact decimals; a missing figure when {@code from} is zero. */
    static String change(BigDecimal from, BigDecimal to) {
        if (from.signum() == 0) {
            return Formats.MISSING;
        }
        BigDecimal percent = to.subtract(from).multiply(HUNDRED).divide(from, MathContext.DECIMAL64);
        return Formats.signedPercent(percent.toPlainString());
    }

    /** Adds the selected stored backtest to the charts and the table (once). */
    public void compareSelected() {
        StoredChoice choice = selectedStored.get();
        if (choice == null) {
            message.set("no stored backtest to compare: run one in the Backtests tab");
            return;
        }
        if (addedBacktests.stream().anyMatch(l -> l.name().equals(backtestName(choice.id())))) {
            message.set("backtest " + choice.id() + " is already compared");
            return;
        }
        status.set("loading backtest " + choice.id() + "…");
        background.execute(() -> {
            try {
                BacktestResult result = backtests.stored(choice.id());
                Loaded loaded = loadBacktest(result);
                ui.execute(() -> {
                    addedBacktests.add(loaded);
                    publish();
                    status.set("added backtest " + choice.id());
                    message.set("");
                });
            } catch (EngineException | RuntimeException e) {
                ui.execute(() -> message.set("backtest " + choice.id() + ": " + e.getMessage()));
            }
        });
    }

    /** Removes every added backtest from the comparison. */
    public void clearBacktests() {
        addedBacktests.clear();
        publish();
    }

    private static String backtestName(String id) {
        return "backtest " + id;
    }

    private static Loaded loadBacktest(BacktestResult r) {
        BacktestSummary s = r.getSummary();
        List<CurvePoint> equity = new ArrayList<>(r.getEquityCurveCount());
        for (EquityPoint p : r.getEquityCurveList()) {
            try {
                equity.add(new CurvePoint(p.getTime(), new BigDecimal(p.getEquity()).doubleValue()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("equity '" + p.getEquity() + "' at " + p.getTime() + " is not a number");
            }
        }
        ComparisonRow row = new ComparisonRow("backtest", s.getStrategy() + " " + s.getSymbol() + " " + s.getTimeframe() + " [" + s.getId() + "]",
                Formats.utcMinute(s.getFirstOpenTime()) + " → " + Formats.utcMinute(s.getLastOpenTime()),
                Formats.count(s.getBars()) + " bars", fractionAsPercent(s.getTotalReturn(), true),
                fractionAsPercent(s.getMaxDrawdown(), false), s.getTrades() + " trades",
                r.hasMetrics() ? Formats.money(r.getMetrics().getFeesPaid()) : Formats.MISSING,
                fractionAsPercent(s.getBuyAndHoldReturn(), true));
        return new Loaded(backtestName(s.getId()), equity, row);
    }

    /** "-0.0412" → "-4.12%" (signed) or "4.12%". */
    static String fractionAsPercent(String fraction, boolean signed) {
        BigDecimal value;
        try {
            value = new BigDecimal(fraction.strip());
        } catch (NumberFormatException e) {
            return Formats.MISSING;
        }
        String percent = value.multiply(HUNDRED).toPlainString();
        return signed ? Formats.signedPercent(percent) : Formats.percent(percent);
    }

    private void publish() {
        List<Loaded> all = new ArrayList<>(loadedBots);
        all.addAll(addedBacktests);
        returns.setAll(all.stream().map(l -> new NamedCurve(l.name(), Curves.downsample(Curves.returnPercent(l.equity()), Curves.MAX_POINTS)))
                .toList());
        drawdowns.setAll(all.stream().map(l -> new NamedCurve(l.name(), Curves.downsample(Curves.drawdownPercent(l.equity()), Curves.MAX_POINTS)))
                .toList());
        comparison.setAll(all.stream().map(Loaded::row).toList());
    }

    /** Each bot's and added backtest's equity as percent return since its first point. */
    public ObservableList<NamedCurve> returns() {
        return returns;
    }

    /** Each curve's drawdown from its running peak, in percent (0 or below). */
    public ObservableList<NamedCurve> drawdowns() {
        return drawdowns;
    }

    public ObservableList<ComparisonRow> comparison() {
        return comparison;
    }

    public ObservableList<StoredChoice> stored() {
        return stored;
    }

    public ObjectProperty<StoredChoice> selectedStoredProperty() {
        return selectedStored;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why a bot's curve or the backtests could not be loaded; empty when all went well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
