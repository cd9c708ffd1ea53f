package io.tradingbots.desktop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.tradingbots.desktop.engine.EngineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Deployment view model against an in-process DeploymentService, without the JavaFX toolkit. */
class DeploymentViewModelTest {

    /** Engine calls and UI updates both run on the calling thread: the test sees their effect at once. */
    private static final Executor DIRECT = Runnable::run;

    private final List<Duration> delayed = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();
    private FakeDeployment engine;
    private EngineClient client;
    private DeploymentViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeDeployment();
        client = engine.client();
        model = new DeploymentViewModel(client.deployment(), "alice@laptop (desktop)", DIRECT, DIRECT,
                (delay, action) -> {
                    delayed.add(delay);
                    later.add(action);
                });
    }

    @AfterEach
    void tearDown() {
        client.close();
        engine.close();
    }

    @Test
    void releasesAndHistoryAreMappedInUtc() {
        engine.answer(SampleDeployments.managed());

        model.refresh();

        assertThat(model.runningVersionProperty().get()).isEqualTo("1.4.0");
        assertThat(model.currentVersionProperty().get()).isEqualTo("1.4.0");
        assertThat(model.managedProperty().get()).isTrue();
        assertThat(model.supervisionProperty().get()).isEqualTo("Managed by the release supervisor in /srv/trading-bots.");
        assertThat(model.releases()).containsExactly(
                new ReleaseRow("1.4.0", "abc1234", "2026-11-20 10:15:30", true),
                new ReleaseRow("1.3.2", "def5678", "2026-11-02 08:00:00", false));
        assertThat(model.releases().get(0).marker()).isEqualTo("current");
        assertThat(model.history()).containsExactly(new DeploymentEventRow("2026-11-20 10:15:30", "deploy", "deploy",
                "1.3.2 → 1.4.0", "succeeded: healthy in 6s"));
    }

    @Test
    void anUnmanagedEngineExplainsWhyRollbackIsUnavailable() {
        engine.answer(SampleDeployments.unmanaged());

        model.refresh();
        model.selectedProperty().set(new ReleaseRow("1.3.2", "def5678", "", false));
        model.requestRollback();

        assertThat(model.managedProperty().get()).isFalse();
        assertThat(model.supervisionProperty().get()).isEqualTo(DeploymentViewModel.UNMANAGED);
        assertThat(model.currentVersionProperty().get()).isEqualTo("1.4.0-SNAPSHOT");
        assertThat(model.rollbackAllowedBinding().get()).isFalse();
        assertThat(model.pendingConfirmationProperty().get()).isEmpty();
        assertThat(engine.rollbacks()).isEmpty();
    }

    @Test
    void theCurrentReleaseCannotBeRolledBackTo() {
        engine.answer(SampleDeployments.managed());
        model.refresh();

        model.selectedProperty().set(model.releases().get(0));

        assertThat(model.rollbackAllowedBinding().get()).isFalse();
        model.selectedProperty().set(model.releases().get(1));
        assertThat(model.rollbackAllowedBinding().get()).isTrue();
    }

    @Test
    void cancelSendsNothing() {
        selectOlderRelease();

        model.requestRollback();
        assertThat(model.pendingConfirmationProperty().get()).isEqualTo("The engine stops, version 1.3.2 replaces"
                + " 1.4.0, the database stays as it is, and if 1.3.2 is not healthy within the deadline the supervisor"
                + " brings 1.4.0 back. Bots are offline for a few seconds.");
        model.cancel();

        assertThat(model.pendingConfirmationProperty().get()).isEmpty();
        assertThat(engine.rollbacks()).isEmpty();
        model.confirm();
        assertThat(engine.rollbacks()).as("a confirm after cancel has nothing to confirm").isEmpty();
    }

    @Test
    void confirmSendsRollbackOfTheSelectedVersionAndRefreshesLater() {
        selectOlderRelease();

        model.requestRollback();
        model.confirm();

        assertThat(engine.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.getVersion()).isEqualTo("1.3.2");
            assertThat(r.getRequestedBy()).isEqualTo("alice@laptop (desktop)");
        });
        assertThat(model.pendingConfirmationProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Rollback 1.4.0 → 1.3.2 requested (request rb-42)."
                + " The engine restarts now.");
        assertThat(delayed).containsExactly(DeploymentViewModel.REFRESH_AFTER_ROLLBACK);

        engine.answer(SampleDeployments.managed().toBuilder().setRunningVersion("1.3.2").setCurrentVersion("1.3.2").build());
        later.forEach(Runnable::run);
        assertThat(model.runningVersionProperty().get()).isEqualTo("1.3.2");
    }

    @Test
    void aRefusalShowsTheEnginesMessage() {
        selectOlderRelease();
        engine.refuseRollback(Status.NOT_FOUND.withDescription("release 1.3.2 is not installed in /srv/trading-bots"));

        model.requestRollback();
        model.confirm();

        assertThat(engine.rollbacks()).hasSize(1);
        assertThat(model.messageProperty().get())
                .isEqualTo("Rollback refused: release 1.3.2 is not installed in /srv/trading-bots");
        assertThat(delayed).isEmpty();
    }

    @Test
    void theLocalUserNamesUserAndHost() {
        assertThat(DeploymentViewModel.localUser()).startsWith(System.getProperty("user.name") + "@")
                .endsWith(" (desktop)");
    }

    private void selectOlderRelease() {
        engine.answer(SampleDeployments.managed());
        model.refresh();
        model.selectedProperty().set(model.releases().get(1));
    }
}
