package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateBudgetTest {

    @Test
    void neverSpendsMoreThanTheAllowedShareInAnySlidingWindow() throws InterruptedException {
        AtomicLong now = new AtomicLong(1_000);
        RateBudget b = new RateBudget(100, 1_000, 0.9, now::get);
        assertThat(b.allowed()).isEqualTo(90);
        for (int i = 0; i < 45; i++) {
            b.acquire(2);
        }
        Thread waiter = new Thread(() -> {
            try {
                b.acquire(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(200);
        assertThat(waiter.isAlive()).as("the 46th call waits for the window").isTrue();
        now.addAndGet(1_000);
        synchronized (b) {
            b.notifyAll();
        }
        waiter.join(2_000);
        assertThat(waiter.isAlive()).isFalse();
    }

    @Test
    void aRetryAfterStopsEveryCallUntilItIsOverAndReportedWeightCounts() throws InterruptedException {
        AtomicLong now = new AtomicLong(0);
        RateBudget b = new RateBudget(100, 60_000, 1.0, now::get);
        b.reportUsed(99); // other clients on the same IP spent most of the minute
        b.pause(5_000);
        assertThat(b.pausedForMs()).isEqualTo(5_000);
        now.set(5_000);
        assertThat(b.pausedForMs()).isZero();
        b.acquire(1); // fits: 99 + 1
        Thread waiter = new Thread(() -> {
            try {
                b.acquire(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(200);
        assertThat(waiter.isAlive()).as("101st weight waits").isTrue();
        now.set(60_000);
        synchronized (b) {
            b.notifyAll();
        }
        waiter.join(2_000);
        assertThat(waiter.isAlive()).isFalse();
    }
}
