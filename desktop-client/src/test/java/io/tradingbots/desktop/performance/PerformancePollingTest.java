package io.tradingbots.desktop.performance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.desktop.engine.EngineClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reload schedule, with the timer played by the test: {@link #later} holds what was scheduled and when. */
class PerformancePollingTest {

    private static final Executor DIRECT = Runnable::run;

    private record Scheduled(Duration delay, Runnable action) {}

    private final List<Scheduled> later = new ArrayList<>();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private FakePerformance engine;
    private EngineClient client;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakePerformance();
        engine.addBot("alpha", "Alpha", 6, "4.5", FakePerformance.csv(new double[] {100, 110}, new double[] {1000, 1050}));
        client = engine.client();
    }

    @AfterEach
    void tearDown() {
        client.close();
        engine.close();
    }

    private PerformanceViewModel model(Executor backgroundExecutor) {
        return new PerformanceViewModel(client.bots(), client.backtests(), backgroundExecutor, DIRECT,
                (delay, action) -> later.add(new Scheduled(delay, action)));
    }

    /** Runs the oldest scheduled action, as the timer would when its delay is up. */
    private Duration fireNext() {
        Scheduled next = later.remove(0);
        next.action().run();
        return next.delay();
    }

    private int reloads() {
        return engine.exportsAsked().size(); // one bot: one equity export per reload
    }

    @Test
    void whileShownTheCurvesReloadEveryTenSecondsAndStopWhenHidden() {
        PerformanceViewModel model = model(DIRECT);

        model.setShown(true);
        assertThat(reloads()).as("showing the tab loads at once").isEqualTo(1);
        assertThat(later).extracting(Scheduled::delay).containsExactly(Duration.ofSeconds(10));

        engine.addBot("beta", "Beta", 0, "0", FakePerformance.csv(new double[] {100, 100}, new double[] {500, 490}));
        assertThat(fireNext()).isEqualTo(PerformanceViewModel.POLL_EVERY);
        assertThat(model.comparison()).extracting(ComparisonRow::name).as("the poll brought the new bot")
                .containsExactly("Alpha (BTC/USD 1h)", "Beta (BTC/USD 1h)");
        assertThat(later).as("and scheduled the next").hasSize(1);
        fireNext();
        int afterTwoPolls = reloads();

        model.setShown(false);
        fireNext();
        assertThat(reloads()).as("hidden: the pending poll does nothing").isEqualTo(afterTwoPolls);
        assertThat(later).as("and schedules nothing").isEmpty();
    }

    @Test
    void aPollWhileAReloadIsStillOnItsWaySkipsItsTurnInsteadOfPilingUp() {
        PerformanceViewModel model = model(background::add);
        model.setShown(true);
        assertThat(background).hasSize(1);

        fireNext();
        fireNext();

        assertThat(background).as("still the one reload").hasSize(1);
        assertThat(later).as("polling goes on").hasSize(1);
        background.poll().run();
        assertThat(background).as("skipped polls are not owed").isEmpty();
        assertThat(model.loadingProperty().get()).isFalse();
        fireNext();
        assertThat(background).hasSize(1);
    }

    @Test
    void aBurstOfFillsWhileShownReloadsOnceTwoSecondsLater() {
        PerformanceViewModel model = model(DIRECT);
        model.setShown(true);
        later.clear(); // the poll
        int before = reloads();

        for (int i = 0; i < 50; i++) {
            model.figuresChanged();
        }

        assertThat(later).extracting(Scheduled::delay).containsExactly(PerformanceViewModel.AFTER_CHANGE);
        fireNext();
        assertThat(reloads()).isEqualTo(before + 1);
        model.figuresChanged();
        assertThat(later).as("the next change schedules again").hasSize(1);
    }

    @Test
    void changesWhileHiddenAskForNothing() {
        PerformanceViewModel model = model(DIRECT);

        model.figuresChanged();

        assertThat(later).isEmpty();
        assertThat(reloads()).isZero();
    }

    @Test
    void showingAgainDoesNotRunTwoPollingLoops() {
        PerformanceViewModel model = model(DIRECT);
        model.setShown(true);
        model.setShown(false);
        model.setShown(true);
        assertThat(later).hasSize(2);
        int before = reloads();

        fireNext(); // from the first showing
        assertThat(reloads()).isEqualTo(before);
        assertThat(later).as("that loop ended").hasSize(1);
        fireNext();
        assertThat(reloads()).isEqualTo(before + 1);
        assertThat(later).hasSize(1);
    }

    @Test
    void aRefreshAskedWhileOneRunsRunsOnceAfterIt() {
        PerformanceViewModel model = model(background::add);
        model.refresh();
        model.refresh();
        model.refresh();
        assertThat(background).hasSize(1);

        background.poll().run();
        assertThat(background).as("one more for the asks meanwhile").hasSize(1);
        background.poll().run();
        assertThat(background).isEmpty();
        assertThat(reloads()).isEqualTo(2);
    }
}
