package io.tradingbots.desktop.risk;

import io.tradingbots.api.v1.GetLimitsResponse;
import io.tradingbots.api.v1.HaltKind;
import io.tradingbots.api.v1.RiskLimits;
import io.tradingbots.api.v1.RiskState;
import io.tradingbots.api.v1.SetLimitsResponse;
import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.engine.RiskSource;
import io.tradingbots.desktop.engine.StateSource;
import io.tradingbots.desktop.engine.StreamListener;
import io.tradingbots.desktop.support.Coalescer;
import io.tradingbots.desktop.support.Formats;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Risk view's state: the engine's live risk picture (WatchRisk), the limits as editable text
 * with validation and a confirmation before any limit is raised, and the kill switch, which needs
 * a reason both ways. Engine calls run on {@code background}, results are set on {@code ui}.
 */
public final class RiskViewModel {

    private final RiskSource source;
    private final String requestedBy;
    private final Executor background;
    private final Executor ui;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper equity = new ReadOnlyStringWrapper(this, "equity", Formats.MISSING);
    private final ReadOnlyStringWrapper dayStartEquity = new ReadOnlyStringWrapper(this, "dayStartEquity", Formats.MISSING);
    private final ReadOnlyStringWrapper dailyPnl = new ReadOnlyStringWrapper(this, "dailyPnl", Formats.MISSING);
    private final ReadOnlyBooleanWrapper losing = new ReadOnlyBooleanWrapper(this, "losing");
    private final ReadOnlyDoubleWrapper limitUsed = new ReadOnlyDoubleWrapper(this, "limitUsed");
    private final ReadOnlyStringWrapper limitUsedText = new ReadOnlyStringWrapper(this, "limitUsedText", "");
    private final ReadOnlyStringWrapper dayLimitShort = new ReadOnlyStringWrapper(this, "dayLimitShort", "");
    private final ReadOnlyStringWrapper totalExposure = new ReadOnlyStringWrapper(this, "totalExposure", Formats.MISSING);
    private final ReadOnlyBooleanWrapper halted = new ReadOnlyBooleanWrapper(this, "halted");
    private final ReadOnlyStringWrapper tradingState = new ReadOnlyStringWrapper(this, "tradingState", "");
    private final ReadOnlyStringWrapper haltReason = new ReadOnlyStringWrapper(this, "haltReason", "");
    private final ReadOnlyStringWrapper entriesBlocked = new ReadOnlyStringWrapper(this, "entriesBlocked", "");
    private final ReadOnlyStringWrapper streamProblem = new ReadOnlyStringWrapper(this, "streamProblem", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper pendingLimits = new ReadOnlyStringWrapper(this, "pendingLimits", "");
    private final ObservableList<ExposureRow> exposures = FXCollections.observableArrayList();
    private final ObservableList<RegimeRow> regimes = FXCollections.observableArrayList();
    private final ObservableList<LimitChangeRow> limitChanges = FXCollections.observableArrayList();
    private final Map<RiskLimitField, StringProperty> limitFields = new EnumMap<>(RiskLimitField.class);
    private Consumer<String> notifier = text -> { };
    private StateSource.Subscription subscription;
    private RiskState last;
    /** The limits the fields were last filled from: fields equal to these are not being edited. */
    private RiskLimits shownLimits;
    private RiskLimits pendingProposal;

    public RiskViewModel(RiskSource source, String requestedBy, Executor background, Executor ui, ZoneId zone) {
        this.source = source;
        this.requestedBy = requestedBy;
        this.background = background;
        this.ui = ui;
        this.zone = zone;
        for (RiskLimitField f : RiskLimitField.values()) {
            limitFields.put(f, new SimpleStringProperty(this, f.fieldId(), ""));
        }
    }

    /** Where halts, daily stops and resumes are announced (the app shows a toast). */
    public void setNotifier(Consumer<String> notifier) {
        this.notifier = notifier;
    }

    /** Watches the engine's risk picture; callbacks reach this model on {@code ui}, at most one picture per UI turn. */
    public void start() {
        if (subscription != null) {
            return;
        }
        Coalescer<Runnable> updates = new Coalescer<>(ui, batch -> batch.forEach(Runnable::run));
        Coalescer<RiskState> states = new Coalescer<>(ui, batch -> show(batch.get(batch.size() - 1)));
        loadLimitChanges();
        subscription = source.watchRisk(new StreamListener<>() {
            @Override
            public void onMessage(RiskState state) {
                states.offer(state);
            }

            @Override
            public void onProblem(String problem) {
                updates.offer(() -> streamProblem.set(problem));
            }

            @Override
            public void onUnimplemented() {
                updates.offer(() -> streamProblem.set("This engine has no risk manager (RiskService is not implemented): update the engine."));
            }
        });
    }

    public void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Applies one risk picture (on the UI thread). */
    void show(RiskState s) {
        RiskState before = last;
        last = s;
        equity.set(Formats.money(s.getEquity()));
        dayStartEquity.set(Formats.money(s.getDayStartEquity()));
        dailyPnl.set(Formats.signedMoney(s.getDailyPnl()));
        losing.set(s.getDailyPnl().strip().startsWith("-"));
        BigDecimal used = decimal(s.getLimitUsedPercent());
        limitUsed.set(used == null ? 0 : Math.min(1, Math.max(0, used.doubleValue() / 100)));
        limitUsedText.set(Formats.percent(s.getDailyLossPercent()) + " lost of the " + Formats.percent(s.getLimits().getDailyLossPercent())
                + " daily limit (" + Formats.percent(s.getLimitUsedPercent()) + " used)");
        dayLimitShort.set(s.getHalted() ? "HALTED" : Formats.percent(s.getLimitUsedPercent()) + " of "
                + Formats.percent(s.getLimits().getDailyLossPercent()));
        totalExposure.set(Formats.money(s.getTotalExposure()));
        halted.set(s.getHalted());
        tradingState.set(s.getHalted() ? "HALTED" : "TRADING");
        haltReason.set(s.getHalted() ? haltText(s) : "");
        entriesBlocked.set(s.getEntriesBlocked());
        List<ExposureRow> rows = new ArrayList<>();
        s.getCoinsList().forEach(c -> rows.add(ExposureRow.of(c)));
        s.getBotsList().forEach(b -> rows.add(ExposureRow.of(b)));
        exposures.setAll(rows);
        regimes.setAll(s.getRegimesList().stream().map(r -> RegimeRow.of(r, zone)).toList());
        if (s.hasLimits()) {
            showLimits(s.getLimits(), false);
        }
        RiskToasts.between(before, s).ifPresent(notifier);
    }

    private String haltText(RiskState s) {
        String kind = s.getHalt().getKind() == HaltKind.HALT_KIND_DAILY_LOSS ? "daily loss limit" : "by " + s.getHalt().getHaltedBy();
        return "Halted (" + kind + ") since " + Formats.dateTime(s.getHalt().getSince(), zone) + ": " + s.getHalt().getReason();
    }

    /** Asks the engine for the limits' audit trail (newest first) without touching the fields being edited. */
    private void loadLimitChanges() {
        background.execute(() -> {
            try {
                GetLimitsResponse r = source.limits();
                ui.execute(() -> showChanges(r));
            } catch (EngineException e) {
                // the stream reports an engine that cannot be reached; the trail stays as it was
            }
        });
    }

    private void showChanges(GetLimitsResponse r) {
        limitChanges.setAll(r.getRecentChangesList().stream().map(c -> LimitChangeRow.of(c, zone)).toList());
    }

    /** Who changed which limit when (newest first, the engine keeps the last 50 in the answer). */
    public ObservableList<LimitChangeRow> limitChanges() {
        return limitChanges;
    }

    /** Fills the limit fields, unless the user is editing them (and {@code force} is false). */
    private void showLimits(RiskLimits limits, boolean force) {
        if (!force && shownLimits != null && (limits.equals(shownLimits) || isEditing())) {
            return;
        }
        shownLimits = limits;
        for (RiskLimitField f : RiskLimitField.values()) {
            limitFields.get(f).set(f.read(limits));
        }
    }

    /** True when a field differs from what the engine last said. */
    public boolean isEditing() {
        if (shownLimits == null) {
            return false;
        }
        for (RiskLimitField f : RiskLimitField.values()) {
            if (!f.read(shownLimits).equals(limitFields.get(f).get().strip())) {
                return true;
            }
        }
        return false;
    }

    /** Throws the edits away and asks the engine for its limits again. */
    public void reloadLimits() {
        background.execute(() -> {
            try {
                GetLimitsResponse r = source.limits();
                ui.execute(() -> {
                    showLimits(r.getLimits(), true);
                    showChanges(r);
                });
            } catch (EngineException e) {
                ui.execute(() -> message.set(e.getMessage()));
            }
        });
    }

    /**
     * Checks the edited limits. Nothing raised: sends them. Something raised: asks for
     * confirmation first ({@link #pendingLimitsProperty()}). Invalid: says why, sends nothing.
     */
    public void requestApplyLimits() {
        RiskLimits.Builder proposal = RiskLimits.newBuilder();
        Map<RiskLimitField, BigDecimal> values = new EnumMap<>(RiskLimitField.class);
        for (RiskLimitField f : RiskLimitField.values()) {
            String text = limitFields.get(f).get().strip();
            BigDecimal v = decimal(text);
            String problem = v == null ? "is not a number" : check(f, v);
            if (problem != null) {
                message.set(f.label() + " " + problem + ": '" + text + "'");
                return;
            }
            values.put(f, v);
            f.write(proposal, f == RiskLimitField.ORDERS_PER_MINUTE ? v.toBigInteger().toString() : v.toPlainString());
        }
        String across = crossCheck(values);
        if (across != null) {
            message.set(across);
            return;
        }
        RiskLimits proposed = proposal.build();
        List<String> raised = raised(proposed);
        if (raised.isEmpty()) {
            send(proposed);
            return;
        }
        pendingProposal = proposed;
        pendingLimits.set("Raising " + String.join("; ", raised) + " lets the bots take more risk from their next order on."
                + (halted.get() ? " Trading is halted: the engine only accepts tighter limits until you resume." : "")
                + " Each change is recorded with your name (" + requestedBy + ").");
    }

    private static String check(RiskLimitField f, BigDecimal v) {
        if (v.signum() < 0) {
            return "cannot be negative";
        }
        if (f.percent() && (v.signum() == 0 && f != RiskLimitField.ENTRY_BUFFER || v.compareTo(BigDecimal.valueOf(100)) > 0)) {
            return "must be above 0% and at most 100%";
        }
        if (f == RiskLimitField.ORDERS_PER_MINUTE && (v.stripTrailingZeros().scale() > 0 || v.signum() == 0
                || v.compareTo(BigDecimal.valueOf(10_000)) > 0)) {
            return "must be a whole number from 1 to 10000";
        }
        if (f == RiskLimitField.MAX_ORDER && v.signum() == 0) {
            return "must be above 0";
        }
        return null;
    }

    private static String crossCheck(Map<RiskLimitField, BigDecimal> v) {
        if (v.get(RiskLimitField.ENTRY_BUFFER).compareTo(v.get(RiskLimitField.DAILY_LOSS)) >= 0) {
            return "The entry buffer must be smaller than the daily loss limit.";
        }
        if (v.get(RiskLimitField.COIN_EXPOSURE).compareTo(v.get(RiskLimitField.TOTAL_EXPOSURE)) > 0) {
            return "Exposure per coin cannot exceed total exposure.";
        }
        if (v.get(RiskLimitField.MIN_ORDER).compareTo(v.get(RiskLimitField.MAX_ORDER)) > 0) {
            return "The min order value cannot be larger than the max order value.";
        }
        return null;
    }

    /** "daily loss limit 10 → 12", for each limit the proposal loosens against what the engine said. */
    private List<String> raised(RiskLimits proposed) {
        List<String> out = new ArrayList<>();
        if (shownLimits == null) {
            return out;
        }
        for (RiskLimitField f : RiskLimitField.values()) {
            BigDecimal now = decimal(f.read(shownLimits));
            BigDecimal next = decimal(f.read(proposed));
            if (now != null && f.loosens(now, next)) {
                out.add(f.label().toLowerCase(java.util.Locale.ROOT) + " " + now.toPlainString() + " → " + next.toPlainString());
            }
        }
        return out;
    }

    /** The user confirmed raising: sends the proposal shown. */
    public void confirmLimits() {
        RiskLimits proposed = pendingProposal;
        cancelLimits();
        if (proposed != null) {
            send(proposed);
        }
    }

    /** The user declined: nothing is sent, the edits stay in the fields. */
    public void cancelLimits() {
        pendingProposal = null;
        pendingLimits.set("");
    }

    private void send(RiskLimits proposed) {
        background.execute(() -> {
            try {
                SetLimitsResponse r = source.setLimits(proposed, requestedBy);
                ui.execute(() -> {
                    showLimits(r.getLimits(), true);
                    message.set(r.getChangesCount() == 0 ? "No limit changed." : "Limits saved (" + r.getChangesCount() + " changed).");
                });
                loadLimitChanges();
            } catch (EngineException e) {
                ui.execute(() -> message.set("Limits refused: " + e.getMessage()));
            }
        });
    }

    /** What a halt does, for its dialog. */
    public String haltConsequences() {
        return "Every bot stops opening positions at once; orders that reduce a position still pass. The halt is stored and"
                + " lasts across restarts until someone resumes with a reason. With \"flatten\", every open position is"
                + " also sold at the market now.";
    }

    /** What a resume does, for its dialog. */
    public String resumeConsequences() {
        return "Bots may open positions again on their next signal." + (last != null && last.getHalted()
                && last.getHalt().getKind() == HaltKind.HALT_KIND_DAILY_LOSS
                ? " The day's loss is measured again from the equity now, so the full daily limit is available again." : "");
    }

    /** Sends HaltTrading; a blank reason sends nothing and says so. Returns whether it was sent. */
    public boolean halt(String reason, boolean flatten) {
        if (reason == null || reason.isBlank()) {
            message.set("A halt needs a reason.");
            return false;
        }
        background.execute(() -> {
            try {
                RiskState s = source.halt(reason.strip(), requestedBy, flatten);
                ui.execute(() -> {
                    show(s);
                    message.set("Trading halted.");
                });
            } catch (EngineException e) {
                ui.execute(() -> message.set("Halt refused: " + e.getMessage()));
            }
        });
        return true;
    }

    /** Sends ResumeTrading; a blank reason sends nothing and says so. Returns whether it was sent. */
    public boolean resume(String reason) {
        if (reason == null || reason.isBlank()) {
            message.set("Resuming needs a reason.");
            return false;
        }
        background.execute(() -> {
            try {
                RiskState s = source.resume(reason.strip(), requestedBy);
                ui.execute(() -> {
                    show(s);
                    message.set("Trading resumed.");
                });
            } catch (EngineException e) {
                ui.execute(() -> message.set("Resume refused: " + e.getMessage()));
            }
        });
        return true;
    }

    private static BigDecimal decimal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public StringProperty limitProperty(RiskLimitField field) {
        return limitFields.get(field);
    }

    public ReadOnlyStringProperty equityProperty() {
        return equity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dayStartEquityProperty() {
        return dayStartEquity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dailyPnlProperty() {
        return dailyPnl.getReadOnlyProperty();
    }

    /** True on a losing day (the P&L shows in the negative colour). */
    public ReadOnlyBooleanProperty losingProperty() {
        return losing.getReadOnlyProperty();
    }

    /** The day's loss as a share of the daily limit, 0..1 (1 = halted by the limit). */
    public ReadOnlyDoubleProperty limitUsedProperty() {
        return limitUsed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty limitUsedTextProperty() {
        return limitUsedText.getReadOnlyProperty();
    }

    /** For the dashboard's card: "19.6% of 10%" (the share of the 10% daily loss limit used today), or "HALTED". */
    public ReadOnlyStringProperty dayLimitShortProperty() {
        return dayLimitShort.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalExposureProperty() {
        return totalExposure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty haltedProperty() {
        return halted.getReadOnlyProperty();
    }

    /** "TRADING" or "HALTED"; empty before the first picture. */
    public ReadOnlyStringProperty tradingStateProperty() {
        return tradingState.getReadOnlyProperty();
    }

    /** Who halted, since when and why; empty while trading. */
    public ReadOnlyStringProperty haltReasonProperty() {
        return haltReason.getReadOnlyProperty();
    }

    /** Why new entries are refused right now (the loss buffer, a halt); empty when they are not. */
    public ReadOnlyStringProperty entriesBlockedProperty() {
        return entriesBlocked.getReadOnlyProperty();
    }

    /** Why the live picture is not live (reconnecting, no RiskService); empty while it is. */
    public ReadOnlyStringProperty streamProblemProperty() {
        return streamProblem.getReadOnlyProperty();
    }

    /** The last action's outcome or refusal, in the engine's words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The confirmation text while raised limits wait for yes or no; empty otherwise. */
    public ReadOnlyStringProperty pendingLimitsProperty() {
        return pendingLimits.getReadOnlyProperty();
    }

    public ObservableList<ExposureRow> exposures() {
        return FXCollections.unmodifiableObservableList(exposures);
    }

    public ObservableList<RegimeRow> regimes() {
        return FXCollections.unmodifiableObservableList(regimes);
    }
}
