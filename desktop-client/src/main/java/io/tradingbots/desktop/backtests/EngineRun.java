package io.tradingbots.desktop.backtests;

import io.tradingbots.desktop.engine.StateSource;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One run in the engine as the Backtests tab shows it (a backtest or a walk-forward): whether it
 * runs, its progress, a status line and the last refusal or failure in words; the open stream, so
 * that cancelling closes it (which stops the run and frees the engine's slot). UI thread only.
 */
final class EngineRun {

    private final ReadOnlyBooleanWrapper running;
    private final ReadOnlyDoubleWrapper progress;
    private final ReadOnlyStringWrapper status;
    private final ReadOnlyStringWrapper message;
    private StateSource.Subscription current;

    EngineRun(Object bean) {
        running = new ReadOnlyBooleanWrapper(bean, "running");
        progress = new ReadOnlyDoubleWrapper(bean, "progress");
        status = new ReadOnlyStringWrapper(bean, "status", "");
        message = new ReadOnlyStringWrapper(bean, "message", "");
    }

    boolean isRunning() {
        return running.get();
    }

    /** Starts the call that streams the run (its callbacks must come back through the UI thread). */
    void start(Supplier<StateSource.Subscription> call) {
        running.set(true);
        progress.set(0);
        status.set("starting…");
        message.set("");
        current = call.get();
    }

    void progress(double fraction, String text) {
        progress.set(fraction);
        status.set(text);
    }

    /** The run ended with a result. */
    void done(String text) {
        end(text);
        progress.set(1);
    }

    /** The run ended in a refusal or failure, said in {@code why}. */
    void failed(String why) {
        end("");
        message.set(why);
    }

    /** Closes the stream, which cancels the run in the engine. */
    void cancel() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (running.get()) {
            running.set(false);
            progress.set(0);
            status.set("cancelled");
        }
    }

    /** A message about the inputs or a call other than the run (empty clears it). */
    void say(String text) {
        message.set(text);
    }

    private void end(String text) {
        running.set(false);
        status.set(text);
        current = null;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
