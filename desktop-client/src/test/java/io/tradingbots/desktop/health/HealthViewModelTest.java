package io.tradingbots.desktop.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.api.v1.BotState;
import com.google.protobuf.Timestamp;
import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.ExchangeEndpointHealth;
import io.tradingbots.api.v1.FeedHealth;
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
    private final HealthViewModel model = new HealthViewModel(ZoneOffset.UTC);
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

    /** The health of an engine that reports its host, feeds and exchange endpoints. */
    private static EngineHealth.Builder full() {
        return TestMessages.health().toBuilder().setUptimeSeconds(3_600)
                .setSystemCpuLoad(0.4321).setAvailableProcessors(2).setSystemLoadAverage(0.87)
                .setMemoryTotalBytes(4L << 30).setMemoryAvailableBytes(1L << 30)
                .setDiskTotalBytes(50L << 30).setDiskFreeBytes(20L << 30)
                .setGcCount(1_234).setGcTimeMs(5_600).setNonHeapUsedBytes(80L << 20)
                .addFeeds(FeedHealth.newBuilder().setName("binanceus BTC/USD 1m").setTimeframe("1m")
                        .setLastCandleClose(Timestamp.newBuilder().setSeconds(1_764_072_000L)).setAgeMs(4_200).setExpectedIntervalMs(60_000))
                .addFeeds(FeedHealth.newBuilder().setName("kraken BTC/USD 1m").setTimeframe("1m")
                        .setLastCandleClose(Timestamp.newBuilder().setSeconds(1_764_071_760L)).setAgeMs(185_000).setExpectedIntervalMs(60_000))
                .addEndpoints(ExchangeEndpointHealth.newBuilder().setName("Binance.US market data").setCalls(1_523).setErrors(0)
                        .setWindowSeconds(300).setWindowCalls(120).setLatencyP50Ms(84.26).setLatencyP99Ms(1_412.5))
                .addEndpoints(ExchangeEndpointHealth.newBuilder().setName("Kraken OHLC").setCalls(40).setErrors(3)
                        .setLastError("OHLC XBTUSD 1m: SocketTimeoutException: Read timed out")
                        .setLastErrorTime(Timestamp.newBuilder().setSeconds(1_764_072_030L))
                        .setWindowSeconds(300).setWindowCalls(12).setWindowErrors(2).setLatencyP50Ms(3.456).setLatencyP99Ms(15_000));
    }

    private void connectedWith(EngineHealth h) {
        stream.onStatus(ConnectionStatus.CONNECTED);
        stream.onState(TestMessages.snapshot(1, "10000", new BotState[0]).toBuilder().setHealth(h).build());
    }

    @Test
    void hostFiguresFeedsAndEndpointsOfANewerEngineAreShown() {
        connectedWith(full().build());

        assertThat(value("Host CPU")).isEqualTo("43.2% of 2 CPUs, load average 0.87");
        assertThat(value("Host memory")).isEqualTo("3.0 GB used of 4.0 GB (75.0%), 1.0 GB available");
        assertThat(value("Disk (data directory)")).isEqualTo("20.0 GB free of 50.0 GB (40.0% free)");
        assertThat(value("JVM garbage collection")).isEqualTo("1,234 collections, 5.6 s in total");
        assertThat(value("JVM non-heap used")).isEqualTo("80 MB");
        assertThat(value("Market feeds")).isEqualTo("2 feeds, 1 stale");
        assertThat(value("Exchange APIs")).isEqualTo("2 endpoints, 2 errors in the last 5m 00s");
        assertThat(model.rows()).extracting(HealthRow::value).doesNotContain(HealthRow.NOT_REPORTED);
        assertThat(model.rows()).extracting(HealthRow::name).startsWith("Connection", "SSH tunnel", "Engine status", "Status detail",
                "Uptime", "Host CPU", "Host memory", "Disk (data directory)", "Market feeds", "Exchange APIs", "Engine process CPU");
        assertThat(model.rows()).filteredOn(HealthRow::warning).extracting(HealthRow::name)
                .containsExactly("Market feeds", "Exchange APIs");

        assertThat(model.feeds()).containsExactly(
                new FeedRow("binanceus BTC/USD 1m", "2025-11-25 12:00:00", "4.2 s", "ok", false),
                new FeedRow("kraken BTC/USD 1m", "2025-11-25 11:56:00", "3m 05s", "STALE", true));
        assertThat(model.endpoints()).containsExactly(
                new EndpointRow("Binance.US market data", "1,523", "0", "—", "84.3 ms", "1,413 ms", false),
                new EndpointRow("Kraken OHLC", "40", "3 (2 in the last 5m 00s)",
                        "OHLC XBTUSD 1m: SocketTimeoutException: Read timed out (at 12:00:30)", "3.46 ms", "15,000 ms", true));
    }

    @Test
    void aFeedIsStaleAfterTwiceItsIntervalPlusTheMarginAndBeforeItsFirstCandleOnlyOnceTheEngineRanThatLong() {
        // 1m: 2 x 60 s + 30 s
        assertThat(HealthViewModel.stale(150_000, 60_000, 3_600)).isFalse();
        assertThat(HealthViewModel.stale(150_001, 60_000, 3_600)).isTrue();
        // a simulated feed at 600x (100 ms a candle): the margin dominates
        assertThat(HealthViewModel.stale(30_000, 100, 3_600)).isFalse();
        assertThat(HealthViewModel.stale(30_201, 100, 3_600)).isTrue();
        // no candle yet: waiting while the engine is young, stale once it has run longer than the limit
        assertThat(HealthViewModel.stale(-1, 60_000, 100)).isFalse();
        assertThat(HealthViewModel.stale(-1, 60_000, 151)).isTrue();

        connectedWith(full().clearFeeds().addFeeds(FeedHealth.newBuilder().setName("kraken ETH/USD 5m").setTimeframe("5m")
                .setAgeMs(-1).setExpectedIntervalMs(300_000)).setUptimeSeconds(20).build());
        assertThat(model.feeds()).containsExactly(new FeedRow("kraken ETH/USD 5m", "—", "none yet", "waiting", false));
        assertThat(value("Market feeds")).isEqualTo("1 feed, none stale");
    }

    @Test
    void lowDiskAndMemoryAreFlaggedAndUnmeasurableFiguresSaySo() {
        connectedWith(full().setDiskFreeBytes((50L << 30) / 20).setMemoryAvailableBytes((4L << 30) / 20)
                .setSystemCpuLoad(-1).setSystemLoadAverage(-1).clearEndpoints().clearFeeds().build());

        assertThat(value("Disk (data directory)")).isEqualTo("2.5 GB free of 50.0 GB (5.0% free)");
        assertThat(value("Host memory")).isEqualTo("3.8 GB used of 4.0 GB (95.0%), 204.8 MB available");
        assertThat(value("Host CPU")).isEqualTo("not measurable on the engine's JVM (2 CPUs)");
        assertThat(value("Exchange APIs")).isEqualTo("no exchange called");
        assertThat(value("Market feeds")).isEqualTo("none reported");
        assertThat(model.rows()).filteredOn(HealthRow::warning).extracting(HealthRow::name)
                .containsExactly("Host memory", "Disk (data directory)");
        assertThat(model.endpoints()).isEmpty();
        assertThat(model.endpointsNoteProperty().get()).startsWith("no exchange called yet");

        connectedWith(full().setDiskTotalBytes(-1).setDiskFreeBytes(-1).build());
        assertThat(value("Disk (data directory)")).startsWith("not measurable");
    }

    @Test
    void anOlderEngineLeavesTheTablesEmptyWithANote() {
        connectedWith(TestMessages.health());
        assertThat(model.feeds()).isEmpty();
        assertThat(model.endpoints()).isEmpty();
        assertThat(model.feedsNoteProperty().get()).isEqualTo(HealthRow.NOT_REPORTED);
        assertThat(model.endpointsNoteProperty().get()).isEqualTo(HealthRow.NOT_REPORTED);

        connectedWith(full().build());
        assertThat(model.feeds()).hasSize(2);
        stream.onStatus(ConnectionStatus.reconnecting("no engine at x:1"));
        assertThat(model.feeds()).as("cleared with the rest of the engine's figures").isEmpty();
        assertThat(model.endpoints()).isEmpty();
    }

    @Test
    void latenciesAndAgesReadNaturally() {
        assertThat(HealthViewModel.latency(0.8412)).isEqualTo("0.84 ms");
        assertThat(HealthViewModel.latency(12.34)).isEqualTo("12.3 ms");
        assertThat(HealthViewModel.latency(1_250)).isEqualTo("1,250 ms");
        assertThat(HealthViewModel.age(300)).isEqualTo("0.3 s");
        assertThat(HealthViewModel.age(59_999)).isEqualTo("60.0 s");
        assertThat(HealthViewModel.age(60_000)).isEqualTo("1m 00s");
        assertThat(HealthViewModel.age(7_500_000)).isEqualTo("2h 05m");
    }
}
