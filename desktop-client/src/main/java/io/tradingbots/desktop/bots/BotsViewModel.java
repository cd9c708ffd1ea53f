package io.tradingbots.desktop.bots;

import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.BotEvent;
import io.tradingbots.api.v1.BotEventKind;
import io.tradingbots.api.v1.BotStatus;
import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.api.v1.ListBotsResponse;
import io.tradingbots.desktop.engine.BotSource;
import io.tradingbots.desktop.engine.EngineErrors;
import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.engine.StateSource;
import io.tradingbots.desktop.engine.StreamListener;
import io.tradingbots.desktop.support.Coalescer;
import io.tradingbots.desktop.support.Formats;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Bots view's state: the engine's bots (ListBots, refreshed on demand and after events), a
 * text filter, the selected bot's recent events (WatchBotEvents), and its actions. Engine calls
 * run on {@code background}, results are set on {@code ui}. An engine without the BotService
 * is shown as such ({@link #unavailableProperty()}), not as a failure.
 */
public final class BotsViewModel {

    /** Events kept per bot, newest first. */
    static final int EVENTS_PER_BOT = 200;

    /** Toasts one batch of events may raise; the rest are counted in the last. */
    static final int NOTICES_PER_BATCH = 3;

    public static final String UNAVAILABLE = "This engine does not offer bot control yet (its API has no BotService):"
            + " update the engine to see and control bots here. The dashboard still shows the bots' state.";

    private final BotSource source;
    private final Executor background;
    private final Executor ui;
    private final ZoneId zone;
    private final ObservableList<BotLine> rows = FXCollections.observableArrayList();
    private final FilteredList<BotLine> filtered = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<BotLine> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<BotEventRow> selectedEvents = FXCollections.observableArrayList();
    private final Map<String, Deque<BotEventRow>> events = new HashMap<>();
    /** Bots whose journal orders were fetched (once per bot per connection). */
    private final java.util.Set<String> journalLoaded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final StringProperty allocation = new SimpleStringProperty(this, "allocation", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper streamProblem = new ReadOnlyStringWrapper(this, "streamProblem", "");
    private final ReadOnlyBooleanWrapper unavailable = new ReadOnlyBooleanWrapper(this, "unavailable");
    private final BooleanBinding canStart;
    private final BooleanBinding canStop;
    private final BooleanBinding canPause;
    private Consumer<String> notifier = text -> { };
    private Runnable onFiguresChanged = () -> { };
    /** [0]: a ListBots is on its way; [1]: another was asked for meanwhile. Guarded by itself. */
    private final boolean[] listing = new boolean[2];
    private StateSource.Subscription subscription;

    public BotsViewModel(BotSource source, Executor background, Executor ui, ZoneId zone) {
        this.source = source;
        this.background = background;
        // Everything this view sets on the UI thread in one frame (an events batch, a ListBots
        // answer, an action's result) reaches it as one task.
        Coalescer<Runnable> updates = new Coalescer<>(ui, batch -> batch.forEach(Runnable::run));
        this.ui = updates::offer;
        this.zone = zone;
        filter.addListener((o, was, now) -> filtered.setPredicate(line -> line.matches(now)));
        selected.addListener((o, was, now) -> {
            if (now != null && (was == null || !was.id().equals(now.id()))) {
                loadRecentOrders(now.id());
            }
            showEvents();
            allocation.set(now == null ? "" : now.allocationPercent());
        });
        canStart = status(s -> s != BotStatus.BOT_STATUS_RUNNING && s != BotStatus.BOT_STATUS_WARMING_UP);
        canStop = status(s -> s != BotStatus.BOT_STATUS_STOPPED);
        canPause = status(s -> s == BotStatus.BOT_STATUS_RUNNING || s == BotStatus.BOT_STATUS_WARMING_UP);
    }

    private BooleanBinding status(java.util.function.Predicate<BotStatus> allowed) {
        return Bindings.createBooleanBinding(() -> selected.get() != null && allowed.test(selected.get().status()), selected);
    }

    /** Where fills and bot errors are announced (the app shows a toast). */
    public void setNotifier(Consumer<String> notifier) {
        this.notifier = notifier;
    }

    /** Told (on the UI thread) when a batch of events changed some bot's figures: a fill, an order, a status. */
    public void setOnFiguresChanged(Runnable listener) {
        this.onFiguresChanged = listener;
    }

    /** Lists the bots and watches their events until {@link #stop}. */
    public void start() {
        refresh();
        if (subscription != null) {
            return;
        }
        Coalescer<BotEvent> incoming = new Coalescer<>(ui, this::onEvents);
        Coalescer<String> problems = new Coalescer<>(ui, batch -> streamProblem.set(batch.get(batch.size() - 1)));
        subscription = source.watchEvents(new StreamListener<>() {
            @Override
            public void onMessage(BotEvent event) {
                incoming.offer(event);
            }

            @Override
            public void onProblem(String problem) {
                problems.offer(problem);
            }

            @Override
            public void onUnimplemented() {
                problems.offer("");
                ui.execute(() -> unavailable.set(true));
            }
        });
    }

    public void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /**
     * Asks the engine for its bots again. One ListBots at a time: asked while one is on its way,
     * one more follows it (fills at hundreds a second must not pile up calls).
     */
    public void refresh() {
        synchronized (listing) {
            if (listing[0]) {
                listing[1] = true;
                return;
            }
            listing[0] = true;
        }
        background.execute(() -> {
            do {
                listOnce();
            } while (again());
        });
    }

    /** Whether a refresh was asked for meanwhile; if not, the next one may start. */
    private boolean again() {
        synchronized (listing) {
            boolean more = listing[1];
            listing[1] = false;
            listing[0] = more;
            return more;
        }
    }

    private void listOnce() {
        try {
            ListBotsResponse r = source.list();
            List<BotLine> lines = r.getBotsList().stream().map(BotLine::of).toList();
            ui.execute(() -> show(r, lines));
        } catch (EngineException e) {
            boolean missing = EngineErrors.isUnimplemented(e);
            ui.execute(() -> {
                if (missing) {
                    unavailable.set(true);
                } else {
                    message.set(e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            ui.execute(() -> message.set("Listing the bots failed: " + e.getMessage()));
        }
    }

    private void show(ListBotsResponse r, List<BotLine> lines) {
        unavailable.set(false);
        String keep = selected.get() == null ? null : selected.get().id();
        rows.setAll(lines);
        selected.set(lines.stream().filter(l -> l.id().equals(keep)).findFirst().orElse(null));
        summary.set(lines.size() + (lines.size() == 1 ? " bot" : " bots") + " · capital " + Formats.money(r.getCapital())
                + " · unallocated " + Formats.percent(r.getUnallocatedPercent()));
    }

    private void replace(Bot bot) {
        BotLine line = BotLine.of(bot);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(bot.getId())) {
                boolean wasSelected = selected.get() != null && selected.get().id().equals(bot.getId());
                rows.set(i, line);
                if (wasSelected) {
                    selected.set(line);
                }
                return;
            }
        }
        rows.add(line);
    }

    /**
     * A batch of events (on the UI thread): kept per bot, announced, and the figures refreshed
     * after fills and status changes. A batch announces at most {@link #NOTICES_PER_BATCH}
     * events and counts the rest, so a burst of fills is not a tower of toasts.
     */
    void onEvents(List<BotEvent> batch) {
        boolean figuresChanged = false;
        List<String> notices = new ArrayList<>();
        for (BotEvent e : batch) {
            Deque<BotEventRow> kept = events.computeIfAbsent(e.getBotId(), id -> new ArrayDeque<>());
            kept.addFirst(BotEventRow.of(e, zone));
            while (kept.size() > EVENTS_PER_BOT) {
                kept.removeLast();
            }
            notice(e).ifPresent(notices::add);
            figuresChanged |= e.getKind() != BotEventKind.BOT_EVENT_KIND_SIGNAL;
        }
        if (notices.size() <= NOTICES_PER_BATCH) {
            notices.forEach(notifier);
        } else {
            notices.subList(0, NOTICES_PER_BATCH - 1).forEach(notifier);
            notifier.accept("… and " + (notices.size() - NOTICES_PER_BATCH + 1)
                    + " more fills and errors at once: see the Bots tab");
        }
        showEvents();
        if (figuresChanged) {
            refresh();
            onFiguresChanged.run();
        }
    }

    /** Fills and errors deserve a notification; signals, orders and status changes show in the list only. */
    static Optional<String> notice(BotEvent e) {
        return switch (e.getKind()) {
            case BOT_EVENT_KIND_FILL -> Optional.of("Fill · " + e.getBotId() + ": " + e.getText());
            case BOT_EVENT_KIND_ERROR -> Optional.of("Bot " + e.getBotId() + " stopped by an error: " + e.getText());
            default -> Optional.empty();
        };
    }

    /**
     * The first time a bot is selected, its latest orders from the engine's journal join its
     * events (they would otherwise start empty at every connect); events already seen stay first.
     */
    private void loadRecentOrders(String id) {
        if (!journalLoaded.add(id)) {
            return;
        }
        background.execute(() -> {
            List<BotEvent> recent;
            try {
                recent = source.recentOrders(id);
            } catch (EngineException e) {
                journalLoaded.remove(id); // try again on the next selection
                return;
            }
            ui.execute(() -> {
                Deque<BotEventRow> kept = events.computeIfAbsent(id, k -> new ArrayDeque<>());
                java.util.Set<String> seen = new java.util.HashSet<>();
                kept.forEach(r -> seen.add(r.time() + r.text()));
                for (BotEvent e : recent) {
                    BotEventRow row = BotEventRow.of(e, zone);
                    if (kept.size() < EVENTS_PER_BOT && seen.add(row.time() + row.text())) {
                        kept.addLast(row);
                    }
                }
                showEvents();
            });
        });
    }

    private void showEvents() {
        BotLine s = selected.get();
        selectedEvents.setAll(s == null ? List.of() : List.copyOf(events.getOrDefault(s.id(), new ArrayDeque<>())));
    }

    /** True when the selected bot was halted (by an error or a risk limit): starting it again needs a reason. */
    public boolean startNeedsReason() {
        return selected.get() != null && selected.get().status() == BotStatus.BOT_STATUS_HALTED;
    }

    /** Starts the selected bot; the reason is journaled when it ends a halt, where it is required. */
    public void startSelected(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (startNeedsReason() && why.isEmpty()) {
            message.set("Starting a halted bot needs a reason.");
            return;
        }
        act("Start", id -> source.start(id, why.isEmpty() ? "started from the desktop" : why));
    }

    /** What Stop does, for its confirmation. */
    public String stopConsequences() {
        BotLine s = selected.get();
        return s == null ? "" : s.name() + " stops deciding: no new orders and no exits on signals. Its position ("
                + s.position() + ") is kept unless you choose to sell it at the market now.";
    }

    public void stopSelected(boolean flatten) {
        act("Stop", id -> source.stop(id, flatten));
    }

    public void pauseSelected() {
        act("Pause", source::pause);
    }

    /** Sends the allocation field for the selected bot after checking it is a number from 0 to 100. */
    public void applyAllocation() {
        String text = allocation.get() == null ? "" : allocation.get().strip().replace("%", "");
        BigDecimal percent;
        try {
            percent = new BigDecimal(text);
        } catch (NumberFormatException e) {
            message.set("Allocation must be a number from 0 to 100 (percent of the capital), got '" + allocation.get() + "'.");
            return;
        }
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            message.set("Allocation must be from 0 to 100 (percent of the capital), got " + percent.toPlainString() + ".");
            return;
        }
        act("Allocation", id -> source.setAllocation(id, percent.toPlainString()));
    }

    private interface Action {
        Bot apply(String id) throws EngineException;
    }

    private void act(String what, Action action) {
        BotLine s = selected.get();
        if (s == null) {
            message.set("Select a bot first.");
            return;
        }
        background.execute(() -> {
            try {
                Bot bot = action.apply(s.id());
                ui.execute(() -> {
                    replace(bot);
                    message.set(what + " " + s.name() + ": now " + BotLine.of(bot).statusText()
                            + ", allocation " + Formats.percent(bot.getAllocationPercent()) + ".");
                });
            } catch (EngineException e) {
                ui.execute(() -> message.set(what + " refused: " + e.getMessage()));
            }
        });
    }

    /**
     * Streams the selected bot's CSV into {@code file}: written beside it first and moved into
     * place only when complete, so a failure never leaves half a file (or loses an old one).
     */
    public void export(ExportKind kind, Path file) {
        BotLine s = selected.get();
        if (s == null) {
            message.set("Select a bot first.");
            return;
        }
        background.execute(() -> {
            Path target = file.toAbsolutePath();
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            try {
                long rows;
                try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    rows = source.export(s.id(), kind, out);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                long n = rows;
                ui.execute(() -> message.set("Exported " + n + " " + Formats.enumWord(kind, "EXPORT_KIND_") + " rows of "
                        + s.name() + " to " + target + "."));
            } catch (EngineException | IOException e) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // the message below is what matters
                }
                String why = e instanceof EngineException ? e.getMessage() : "cannot write " + target + ": " + e.getMessage();
                ui.execute(() -> message.set("Export failed: " + why));
            }
        });
    }

    /** The bots that pass the filter; the table sorts a view of this list. */
    public ObservableList<BotLine> rows() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<BotLine> selectedProperty() {
        return selected;
    }

    /** The selected bot's events, newest first. */
    public ObservableList<BotEventRow> selectedEvents() {
        return FXCollections.unmodifiableObservableList(selectedEvents);
    }

    /** The allocation field (percent) for the selected bot. */
    public StringProperty allocationProperty() {
        return allocation;
    }

    /** "3 bots · capital $10,000.00 · unallocated 20%". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The last action's outcome or refusal, in the engine's words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the events are not live (reconnecting); empty while they are. */
    public ReadOnlyStringProperty streamProblemProperty() {
        return streamProblem.getReadOnlyProperty();
    }

    /** True when the engine has no BotService ({@link #UNAVAILABLE} says what to do). */
    public ReadOnlyBooleanProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    public BooleanBinding canStartBinding() {
        return canStart;
    }

    public BooleanBinding canStopBinding() {
        return canStop;
    }

    public BooleanBinding canPauseBinding() {
        return canPause;
    }
}
