package io.tradingbots.desktop.backtests;

import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.RunWalkForwardRequest;
import io.tradingbots.api.v1.WalkForwardResult;
import io.tradingbots.desktop.engine.BacktestSource;
import io.tradingbots.desktop.support.Coalescer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Walk-forward validation from the Backtests tab ({@code BacktestService.RunWalkForward}, as
 * {@code tb walkforward}): the backtest form's series, strategy, fee, capital and range, plus the
 * swept ranges, window sizes and ranking metric; the engine's progress; then one row per window
 * and the overall verdict with the engine's flags. Nothing is stored by the engine. Stream events
 * reach {@code ui} batched by a {@link Coalescer}.
 */
public final class WalkForwardViewModel {

    /** The metrics the engine can rank the in-sample runs by (its {@code Metrics.RANKABLE}). */
    public static final List<String> RANK_BY = List.of("sharpe", "sortino", "return", "annualized", "drawdown",
            "profitFactor", "winRate");

    private static final Pattern RANGE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*=[^=:\\s]+:[^=:\\s]+:[^=:\\s]+");

    private final BacktestSource engine;
    private final Supplier<RunBacktestRequest> form;
    private final Coalescer<Object> events;
    private final StringProperty ranges = new SimpleStringProperty(this, "ranges", "");
    private final StringProperty train = new SimpleStringProperty(this, "train", "2000");
    private final StringProperty test = new SimpleStringProperty(this, "test", "500");
    private final StringProperty rankBy = new SimpleStringProperty(this, "rankBy", "sharpe");
    private final StringProperty random = new SimpleStringProperty(this, "random", "0");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "42");
    private final EngineRun run = new EngineRun(this);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyBooleanWrapper flagged = new ReadOnlyBooleanWrapper(this, "flagged");
    private final ReadOnlyStringWrapper metricHeader = new ReadOnlyStringWrapper(this, "metricHeader", metricHeader("sharpe"));
    private final ObservableList<WalkForwardRow> windows = FXCollections.observableArrayList();
    /** The ranking metric of the run on its way (the form may change meanwhile). */
    private String runRankBy = "sharpe";

    private record Failure(String message) {}

    /** {@code form} gives the backtest form as a request, or null when it is incomplete (and says why itself). */
    public WalkForwardViewModel(BacktestSource engine, Supplier<RunBacktestRequest> form, Executor ui) {
        this.engine = engine;
        this.form = form;
        this.events = new Coalescer<>(ui, this::apply);
    }

    /** Starts a walk-forward of the form; what is wrong with the inputs shows in {@link #messageProperty()}. */
    public void run() {
        if (run.isRunning()) {
            return;
        }
        List<String> swept = new ArrayList<>();
        for (String token : text(ranges).split("[\\s,]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!RANGE.matcher(token).matches()) {
                run.say("a swept range is NAME=FROM:TO:STEP, e.g. fast=5:50:5; got '" + token + "'");
                return;
            }
            swept.add(token);
        }
        if (swept.isEmpty()) {
            run.say("give at least one swept range, e.g. fast=5:50:5 slow=20:200:10");
            return;
        }
        Integer trainBars = whole("in-sample bars", train, 2);
        Integer testBars = whole("out-of-sample bars", test, 2);
        Integer draws = whole("random combinations", random, 0);
        if (trainBars == null || testBars == null || draws == null) {
            return;
        }
        long seedValue;
        try {
            seedValue = Long.parseLong(text(seed));
        } catch (NumberFormatException e) {
            run.say("seed must be a whole number, got '" + text(seed) + "'");
            return;
        }
        String metric = text(rankBy).isEmpty() ? "sharpe" : text(rankBy);
        if (!RANK_BY.contains(metric)) {
            run.say("rank by one of " + String.join(", ", RANK_BY) + "; got '" + metric + "'");
            return;
        }
        RunBacktestRequest base = form.get();
        if (base == null) {
            run.say("");
            return;
        }
        RunWalkForwardRequest request = RunWalkForwardRequest.newBuilder().setBacktest(base).addAllRanges(swept)
                .setRandom(draws).setSeed(seedValue).setRankBy(metric).setTrain(trainBars).setTest(testBars).build();
        runRankBy = metric;
        run.start(() -> engine.walkForward(request, new BacktestSource.WalkForwardListener() {
            @Override
            public void onProgress(BacktestProgress p) {
                events.offer(p);
            }

            @Override
            public void onResult(WalkForwardResult result) {
                events.offer(result);
            }

            @Override
            public void onFailure(String why) {
                events.offer(new Failure(why));
            }
        }));
    }

    /** Stops the walk-forward in the engine (which frees its run slot). */
    public void cancel() {
        run.cancel();
    }

    private Integer whole(String what, StringProperty field, int min) {
        try {
            int value = Integer.parseInt(text(field));
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        run.say(what + " must be a whole number of at least " + min + ", got '" + text(field) + "'");
        return null;
    }

    private void apply(List<Object> batch) {
        if (!run.isRunning()) {
            return; // cancelled meanwhile
        }
        for (Object e : batch) {
            if (e instanceof BacktestProgress p) {
                run.progress(p.getFraction(), "walk-forward: " + Math.round(p.getFraction() * 100) + "% of the windows");
            } else if (e instanceof WalkForwardResult r) {
                run.done("walk-forward done: " + r.getWindowsCount() + (r.getWindowsCount() == 1 ? " window" : " windows"));
                show(r, runRankBy);
                return;
            } else if (e instanceof Failure f) {
                run.failed(f.message());
                return;
            }
        }
    }

    void show(WalkForwardResult r, String metric) {
        metricHeader.set(metricHeader(metric));
        windows.setAll(r.getWindowsList().stream().map(w -> WalkForwardRow.of(w, metric)).toList());
        int n = r.getWindowsCount();
        summary.set(String.format(Locale.ROOT, "out of sample (what counts): chained return %s vs buy-and-hold %s, mean Sharpe %s"
                        + " (in sample %s, optimistic by construction) · windows losing to hold: %d of %d · collapsing: %d of %d",
                BacktestText.signedFraction(r.getOosReturn()), BacktestText.signedFraction(r.getHoldReturn()),
                BacktestText.ratio(r.getMeanOosSharpe()), BacktestText.ratio(r.getMeanIsSharpe()),
                r.getWindowsLosingToHold(), n, r.getWindowsCollapsing(), n));
        List<String> flags = new ArrayList<>();
        if (r.getLosesToHold()) {
            flags.add("LOSES TO HOLD: out of sample, the strategy loses to buy-and-hold");
        }
        if (r.getOverfit()) {
            flags.add("COLLAPSES: out-of-sample results collapse relative to in-sample, likely overfitted");
        }
        flagged.set(!flags.isEmpty());
        verdict.set(flags.isEmpty()
                ? "no flag: out of sample it beat buy-and-hold and kept at least half its in-sample Sharpe"
                : String.join(" · ", flags));
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().strip();
    }

    /** Swept parameters, NAME=FROM:TO:STEP separated by spaces or commas. */
    public StringProperty rangesProperty() {
        return ranges;
    }

    /** Bars per in-sample window. */
    public StringProperty trainProperty() {
        return train;
    }

    /** Bars per out-of-sample window (windows roll forward by this). */
    public StringProperty testProperty() {
        return test;
    }

    public StringProperty rankByProperty() {
        return rankBy;
    }

    /** 0 = the whole grid; otherwise this many combinations drawn with {@link #seedProperty()}. */
    public StringProperty randomProperty() {
        return random;
    }

    public StringProperty seedProperty() {
        return seed;
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

    /** What is wrong with the inputs, or the engine's refusal. */
    public ReadOnlyStringProperty messageProperty() {
        return run.messageProperty();
    }

    /** The out-of-sample totals next to buy-and-hold and the in-sample Sharpe. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The engine's overall flags in words, or that there is none. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty flaggedProperty() {
        return flagged.getReadOnlyProperty();
    }

    public ObservableList<WalkForwardRow> windows() {
        return windows;
    }

    /** The header of the windows' metric column for the shown result: "IS sharpe". */
    public ReadOnlyStringProperty metricHeaderProperty() {
        return metricHeader.getReadOnlyProperty();
    }

    /** The metric column's header: "IS sharpe". */
    public static String metricHeader(String rankBy) {
        return "IS " + (rankBy == null || rankBy.isBlank() ? "sharpe" : rankBy);
    }
}
