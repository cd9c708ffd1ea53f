package io.tradingbots.desktop.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.HealthStatus;
import io.tradingbots.desktop.TestMessages;
import io.tradingbots.desktop.dashboard.DashboardViewModel;
import io.tradingbots.desktop.engine.ConnectionStatus;
import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.desktop.engine.StateListener;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health view follows the dashboard's stream; plain properties, no JavaFX toolkit. */
class HealthViewModelTest {

    private final DashboardViewModel dashboard = new DashboardViewModel("127.0.0.1:6000", TestMessages.info(), ZoneOffset.UTC);
    private final HealthViewModel model = new HealthViewModel();
    private StateListener stream;

    @BeforeEach
    void follow() {
        dashboard.start(l -> {
            stream = l;
            return () -> { };
        }, Runnable::run);
        model.follow(dashboard);
    }

    private String value(String name) {
        return model.row(name).map(HealthRow::value).orElseThrow(() -> new AssertionError("no row " + name));
    }

    @Test
    void beforeTheFirstSnapshotOnlyTheLinkIsShown() {
        assertThat(model.rows()).extracting(HealthRow::name).containsExactly("Connection", "SSH tunnel");
        assertThat(value("Connection")).isEqualTo("connecting");
        assertThat(value("SSH tunnel")).isEqualTo("none (direct connection)");
        assertThat(model.headlineProperty().get()).isEqualTo("engine health unknown while connecting");
    }

    @Test
    void everyFigureOfTheSnapshotIsShownAndTheMissingOnesSaySo() {
        stream.onStatus(ConnectionStatus.CONNECTED);
        stream.onState(TestMessages.snapshot(1, "10000", new BotState[0]).toBuilder()
                .setHealth(TestMessages.health().toBuilder().setThreadCount(41).setProcessCpuLoad(0.125)
                        .setMarketStatus("simulated, 600x")).build());

        assertThat(model.headlineProperty().get()).isEqualTo("Engine OK");
        assertThat(value("Connection")).isEqualTo("connected");
        assertThat(value("Engine status")).isEqualTo("OK");
        assertThat(value("Uptime")).isEqualTo("1m 15s");
        assertThat(value("Engine process CPU")).isEqualTo("12.5%");
        assertThat(value("JVM heap used")).isEqualTo("64 MB");
        assertThat(value("JVM heap max")).isEqualTo("512 MB");
        assertThat(value("JVM heap use")).isEqualTo("12.5%");
        assertThat(value("JVM threads")).isEqualTo("41");
        assertThat(value("Market data age")).isEqualTo("0.3 s");
        assertThat(value("Market source")).isEqualTo("simulated, 600x");
        assertThat(value("State stream watchers")).isEqualTo("1");
        assertThat(model.rows()).filteredOn(HealthRow::warning).isEmpty();
        for (String absent : new String[] {"Disk", "Host memory", "Host CPU", "Exchange API latency", "Exchange API errors",
                "Market data age per feed"}) {
            assertThat(value(absent)).as(absent).isEqualTo(HealthRow.NOT_REPORTED);
        }
    }

    @Test
    void aDegradedEngineAndStaleDataAreFlaggedAndALaterDeltaUpdatesThem() {
        stream.onStatus(ConnectionStatus.CONNECTED);
        stream.onState(TestMessages.snapshot(1, "10000", new BotState[0]));
        EngineHealth stale = TestMessages.health().toBuilder().setStatus(HealthStatus.HEALTH_STATUS_DEGRADED)
                .setDetail("no market data for 75 s").setMarketDataAgeMs(75_400).setHeapUsedBytes(500L << 20)
                .setProcessCpuLoad(-1).build();

        stream.onState(TestMessages.delta(2).setHealth(stale).build());

        assertThat(model.headlineProperty().get()).isEqualTo("Engine DEGRADED: no market data for 75 s");
        assertThat(value("Market data age")).isEqualTo("75.4 s");
        assertThat(value("Engine process CPU")).isEqualTo("not available on the engine's JVM");
        assertThat(model.rows()).filteredOn(HealthRow::warning).extracting(HealthRow::name)
                .containsExactly("Engine status", "JVM heap use", "Market data age");
    }

    @Test
    void losingTheConnectionForgetsTheHealthAndTheTunnelStateIsShown() {
        Consumer<String>[] tunnel = new Consumer[1];
        dashboard.watchTunnel(new EngineSession.Transport() {
            @Override
            public String describe() {
                return "ssh deploy@droplet → engine port 50051";
            }

            @Override
            public void watch(Consumer<String> listener) {
                tunnel[0] = listener;
            }

            @Override
            public void close() {
            }
        }, Runnable::run);
        stream.onStatus(ConnectionStatus.CONNECTED);
        stream.onState(TestMessages.snapshot(1, "10000", new BotState[0]));
        assertThat(value("JVM heap used")).isEqualTo("64 MB");

        stream.onStatus(ConnectionStatus.reconnecting("no engine at x:1"));
        tunnel[0].accept("reconnecting: SSH session closed (next try in 1s)");

        assertThat(model.row("JVM heap used")).isEmpty();
        assertThat(value("Connection")).isEqualTo("reconnecting: no engine at x:1");
        assertThat(model.row("Connection").orElseThrow().warning()).isTrue();
        assertThat(value("SSH tunnel")).isEqualTo("ssh deploy@droplet → engine port 50051: reconnecting: SSH session closed (next try in 1s)");
        assertThat(model.headlineProperty().get()).isEqualTo("engine health unknown while reconnecting");
    }
}
