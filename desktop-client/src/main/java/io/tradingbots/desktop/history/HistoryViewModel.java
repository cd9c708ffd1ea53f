package io.tradingbots.desktop.history;

import io.tradingbots.api.v1.FetchProgress;
import io.tradingbots.api.v1.StartFetchRequest;
import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.engine.HistorySource;
import io.tradingbots.desktop.engine.StateSource;
import io.tradingbots.desktop.support.Coalescer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History view's state: the engine's candle inventory, the fetch jobs started from here with
 * their live progress, and the form that starts one. Engine calls run on {@code background};
 * everything they change is set on {@code ui}, progress batched through a {@link Coalescer}.
 */
public final class HistoryViewModel {

    private final HistorySource source;
    private final Executor background;
    private final Executor ui;
    private final Coalescer<JobEvent> progress;
    private final ObservableList<InventoryRow> inventory = FXCollections.observableArrayList();
    private final ObservableList<FetchJobRow> jobs = FXCollections.observableArrayList();
    private final ObservableList<InventoryRow> inventoryView = FXCollections.unmodifiableObservableList(inventory);
    private final ObservableList<FetchJobRow> jobsView = FXCollections.unmodifiableObservableList(jobs);
    private final StringProperty symbols = new SimpleStringProperty(this, "symbols", "");
    private final StringProperty timeframes = new SimpleStringProperty(this, "timeframes", "1h");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final List<StateSource.Subscription> watches = new ArrayList<>();

    /** One progress stream callback, for the UI thread. */
    private record JobEvent(String jobId, FetchProgress progress, String interruption) { }

    public HistoryViewModel(HistorySource source, Executor background, Executor ui) {
        this.source = source;
        this.background = background;
        this.ui = ui;
        this.progress = new Coalescer<>(ui, this::applyAll);
    }

    /** Asks the engine for its inventory again; a failure shows in {@link #messageProperty()}. */
    public void refresh() {
        call(() -> {
            List<InventoryRow> rows = source.inventory().stream().map(InventoryRow::of).toList();
            ui.execute(() -> inventory.setAll(rows));
        });
    }

    /** Starts a fetch of the form's symbols and timeframes from its date (UTC midnight) to now. */
    public void startFetch() {
        List<String> symbolList = words(symbols.get());
        List<String> timeframeList = words(timeframes.get());
        if (symbolList.isEmpty() || timeframeList.isEmpty() || from.get() == null) {
            message.set("a fetch needs symbols (BTC/USD), timeframes (1h) and a from date");
            return;
        }
        StartFetchRequest request = StartFetchRequest.newBuilder().addAllSymbols(symbolList)
                .addAllTimeframes(timeframeList)
                .setFromTime(from.get().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()).build();
        String series = String.join(", ", symbolList) + " · " + String.join(", ", timeframeList);
        call(() -> {
            String jobId = source.startFetch(request);
            ui.execute(() -> {
                jobs.add(0, FetchJobRow.started(jobId, series));
                watch(jobId);
            });
        });
    }

    /** Asks the engine to stop a job; its final state arrives on the progress stream. */
    public void cancel(FetchJobRow job) {
        call(() -> source.cancelFetch(job.jobId()));
    }

    /** Stops following the jobs' progress (the jobs themselves go on in the engine). */
    public void stop() {
        watches.forEach(StateSource.Subscription::close);
        watches.clear();
    }

    private void watch(String jobId) {
        watches.add(source.watchFetch(jobId, new HistorySource.FetchListener() {
            @Override
            public void onProgress(FetchProgress p) {
                progress.offer(new JobEvent(jobId, p, null));
            }

            @Override
            public void onInterrupted(String reason) {
                progress.offer(new JobEvent(jobId, null, reason));
            }
        }));
    }

    private void applyAll(List<JobEvent> events) {
        boolean finished = false;
        for (JobEvent event : events) {
            if (event.progress() != null) {
                update(event.jobId(), row -> row.with(event.progress()));
                finished |= event.progress().getState() == FetchProgress.State.STATE_DONE;
            } else {
                update(event.jobId(), row -> row.interrupted(event.interruption()));
            }
        }
        if (finished) {
            refresh();
        }
    }

    private void update(String jobId, UnaryOperator<FetchJobRow> change) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).jobId().equals(jobId)) {
                jobs.set(i, change.apply(jobs.get(i)));
                return;
            }
        }
    }

    /** Runs an engine call off the UI thread; clears the message on success, shows the engine's words on failure. */
    private void call(EngineCall engineCall) {
        background.execute(() -> {
            try {
                engineCall.run();
                ui.execute(() -> message.set(""));
            } catch (EngineException e) {
                ui.execute(() -> message.set(e.getMessage()));
            }
        });
    }

    private interface EngineCall {
        void run() throws EngineException;
    }

    private static List<String> words(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Series as the engine listed them; read-only, wrap in a SortedList to sort. */
    public ObservableList<InventoryRow> inventory() {
        return inventoryView;
    }

    /** Jobs started from here, newest first. */
    public ObservableList<FetchJobRow> jobs() {
        return jobsView;
    }

    public StringProperty symbolsProperty() {
        return symbols;
    }

    public StringProperty timeframesProperty() {
        return timeframes;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** The last refusal or failure in the engine's words; empty after a call that worked. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
