package io.tradingbots.desktop.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs UI tasks once per frame: what is queued (from any thread) between two pulses runs together
 * at the start of the next pulse, before CSS, layout and rendering. Unlike {@code Platform::runLater},
 * whose tasks run as soon as the UI thread is free (many times between two frames when events
 * stream in), a {@link Coalescer} on this executor updates its view at most once per frame.
 *
 * <p>{@link #forJavaFx()} drives it with an {@link AnimationTimer} that runs only while there is
 * work: the first task after a quiet pulse starts it, and a pulse with nothing queued stops it, so
 * an idle application does not keep pulses going.
 */
public final class FrameExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(FrameExecutor.class);

    private final Runnable wake;
    private final Object lock = new Object();
    private List<Runnable> pending = new ArrayList<>();
    /** True from the first queued task until a frame finds nothing to run. */
    private boolean armed;

    /** {@code wake} (called on the queuing thread) must lead to {@link #runFrame()} on the UI thread at the next frame. */
    public FrameExecutor(Runnable wake) {
        this.wake = wake;
    }

    /** The application's executor: frames are JavaFX pulses. */
    public static FrameExecutor forJavaFx() {
        AnimationTimer[] timer = new AnimationTimer[1];
        FrameExecutor frames = new FrameExecutor(() -> Platform.runLater(() -> timer[0].start()));
        timer[0] = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!frames.runFrame()) {
                    stop();
                }
            }
        };
        return frames;
    }

    @Override
    public void execute(Runnable task) {
        boolean wakeUp;
        synchronized (lock) {
            pending.add(task);
            wakeUp = !armed;
            armed = true;
        }
        if (wakeUp) {
            wake.run();
        }
    }

    /**
     * On the UI thread, once per frame: runs the tasks queued before it, in order (tasks they
     * queue wait for the next frame). Returns false when there was nothing to run; the next task
     * calls {@code wake} again.
     */
    public boolean runFrame() {
        List<Runnable> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                armed = false;
                return false;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        for (Runnable task : batch) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("a UI update failed", e); // the other tasks of the frame still run
            }
        }
        return true;
    }
}
