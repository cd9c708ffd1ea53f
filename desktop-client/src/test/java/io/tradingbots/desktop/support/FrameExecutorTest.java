package io.tradingbots.desktop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The test plays the pulses: each {@code runFrame()} call is one frame. */
class FrameExecutorTest {

    private final AtomicInteger wakes = new AtomicInteger();
    private final FrameExecutor frames = new FrameExecutor(wakes::incrementAndGet);
    private final List<String> ran = new ArrayList<>();

    @Test
    void whatIsQueuedBetweenTwoFramesRunsInTheNextOneInOrderAfterOneWake() {
        for (int i = 0; i < 100; i++) {
            int n = i;
            frames.execute(() -> ran.add("t" + n));
        }
        assertThat(wakes).as("one wake for the whole burst").hasValue(1);
        assertThat(ran).isEmpty();

        assertThat(frames.runFrame()).isTrue();

        assertThat(ran).hasSize(100).startsWith("t0", "t1").endsWith("t99");
    }

    @Test
    void aFrameWithNothingToDoDisarmsAndTheNextTaskWakesAgain() {
        frames.execute(() -> ran.add("a"));
        assertThat(frames.runFrame()).isTrue();
        frames.execute(() -> ran.add("b"));
        assertThat(wakes).as("still armed: the frame source keeps running").hasValue(1);
        assertThat(frames.runFrame()).isTrue();

        assertThat(frames.runFrame()).as("idle: the frame source may stop").isFalse();
        assertThat(frames.runFrame()).isFalse();
        frames.execute(() -> ran.add("c"));

        assertThat(wakes).hasValue(2);
        assertThat(frames.runFrame()).isTrue();
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void aTaskQueuedByATaskWaitsForTheNextFrame() {
        frames.execute(() -> {
            ran.add("outer");
            frames.execute(() -> ran.add("inner"));
        });

        frames.runFrame();
        assertThat(ran).containsExactly("outer");
        frames.runFrame();
        assertThat(ran).containsExactly("outer", "inner");
    }

    @Test
    void aFailingTaskDoesNotCostTheOthersOfItsFrame() {
        frames.execute(() -> ran.add("before"));
        frames.execute(() -> {
            throw new IllegalStateException("boom");
        });
        frames.execute(() -> ran.add("after"));

        frames.runFrame();

        assertThat(ran).containsExactly("before", "after");
    }
}
