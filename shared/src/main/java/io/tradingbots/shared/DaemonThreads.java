package io.tradingbots.shared;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so background work never keeps the application alive and shows up in thread dumps. */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** A factory whose threads are called {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory factory(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(factory(name));
    }

    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(factory(name));
    }
}
