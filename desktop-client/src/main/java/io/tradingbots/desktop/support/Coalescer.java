package io.tradingbots.desktop.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Hands items produced on any thread to a consumer on the UI thread, in batches: however many
 * items arrive before the UI thread gets round to it, at most one task is queued on the UI
 * executor ({@code Platform::runLater} or a {@link FrameExecutor} in the application), and it
 * delivers them all at once. An optional merge keeps the pending list short when items supersede
 * each other (a state stream's deltas), so a stalled UI thread does not hold every item meanwhile.
 */
public final class Coalescer<T> {

    private final Executor uiExecutor;
    private final Consumer<List<T>> consumer;
    private final BiConsumer<List<T>, T> merge;
    private final Object lock = new Object();
    private List<T> pending = new ArrayList<>();
    private boolean scheduled;

    public Coalescer(Executor uiExecutor, Consumer<List<T>> consumer) {
        this(uiExecutor, List::add, consumer);
    }

    /**
     * {@code merge} puts a new item into the pending list (under this coalescer's lock): it may
     * fold it into the items already there, as long as delivering the list still has the effect of
     * delivering every item in order.
     */
    public Coalescer(Executor uiExecutor, BiConsumer<List<T>, T> merge, Consumer<List<T>> consumer) {
        this.uiExecutor = uiExecutor;
        this.merge = merge;
        this.consumer = consumer;
    }

    /** Queues an item; schedules a delivery only when none is scheduled yet. */
    public void offer(T item) {
        boolean schedule;
        synchronized (lock) {
            merge.accept(pending, item);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            uiExecutor.execute(this::deliver);
        }
    }

    private void deliver() {
        List<T> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
