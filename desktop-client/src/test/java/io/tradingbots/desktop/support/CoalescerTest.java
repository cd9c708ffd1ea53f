package io.tradingbots.desktop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    /** Stands in for Platform::runLater: queues tasks until the test "runs a pulse". */
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final List<List<Integer>> applied = new ArrayList<>();

    private void pulse() {
        Runnable task;
        while ((task = uiQueue.poll()) != null) {
            task.run();
        }
    }

    @Test
    void manyOffersBeforeAPulseBecomeOneUiTaskAndOneApply() {
        Coalescer<Integer> coalescer = new Coalescer<>(uiQueue::add, applied::add);
        for (int i = 0; i < 1000; i++) {
            coalescer.offer(i);
        }
        assertThat(uiQueue).hasSize(1);

        pulse();

        assertThat(applied).hasSize(1);
        assertThat(applied.get(0)).hasSize(1000).startsWith(0, 1, 2).endsWith(999);
    }

    @Test
    void afterADeliveryTheNextOfferSchedulesAgain() {
        Coalescer<Integer> coalescer = new Coalescer<>(uiQueue::add, applied::add);
        coalescer.offer(1);
        pulse();
        coalescer.offer(2);
        coalescer.offer(3);
        assertThat(uiQueue).hasSize(1);
        pulse();

        assertThat(applied).containsExactly(List.of(1), List.of(2, 3));
    }

    @Test
    void offersFromManyThreadsAreAllDeliveredInFewBatches() throws Exception {
        List<Integer> seen = new ArrayList<>();
        List<Runnable> scheduled = new ArrayList<>();
        Coalescer<Integer> coalescer = new Coalescer<>(task -> {
            synchronized (scheduled) {
                scheduled.add(task);
            }
        }, seen::addAll);
        ExecutorService producers = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int p = 0; p < 4; p++) {
            int base = p * 10_000;
            producers.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    coalescer.offer(base + i);
                }
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        producers.shutdown();

        synchronized (scheduled) {
            assertThat(scheduled).hasSize(1);
            scheduled.forEach(Runnable::run);
        }
        assertThat(seen).hasSize(40_000).doesNotHaveDuplicates();
    }
}
