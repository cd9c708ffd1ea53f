package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tradingbots.api.v1.FetchProgress;
import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.api.v1.GetInventoryRequest;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.api.v1.StartFetchRequest;
import io.tradingbots.api.v1.WatchFetchRequest;
import io.tradingbots.api.v1.WatchFetchResponse;
import io.tradingbots.engine.EngineProcess;
import io.tradingbots.engine.bench.FakeBinanceUs;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine jar serves HistoryService: a fetch job against the loopback fake, watched to its end over gRPC. */
class HistoryServiceIT {

    @TempDir
    Path dir;

    @Test
    void aRunningEngineFetchesOverTheApiAndTheCliPointsThere() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("engine.log");
        long to = Timeframe.D1.floor(System.currentTimeMillis());
        try (FakeBinanceUs fake = new FakeBinanceUs(6_000, 1_000, 0)) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-jar", EngineProcess.jar().toString(), "engine", "--data-dir", data.toString(), "--listen", "127.0.0.1:0")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("TB_BINANCEUS_URL", fake.url());
            Process engine = pb.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.resolve("engine.port")) || !engine.isAlive());
                assertThat(engine.isAlive()).as(Files.readString(log)).isTrue();
                int port = Integer.parseInt(Files.readString(data.resolve("engine.port")).trim());
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
                try {
                    var stub = HistoryServiceGrpc.newBlockingStub(channel)
                            .withCallCredentials(new BearerAuth(ApiToken.read(data.resolve("api-token"))))
                            .withDeadlineAfter(60, TimeUnit.SECONDS);
                    String id = stub.startFetch(StartFetchRequest.newBuilder().addSymbols("ETH/USD").addTimeframes("5m")
                            .setFromTime(to - 10 * 86_400_000L).setToTime(to).build()).getJobId();
                    List<FetchProgress> seen = new ArrayList<>();
                    stub.watchFetch(WatchFetchRequest.newBuilder().setJobId(id).build())
                            .forEachRemaining((WatchFetchResponse r) -> seen.add(r.getProgress()));
                    assertThat(seen.get(seen.size() - 1).getState()).isEqualTo(FetchProgress.State.STATE_DONE);
                    assertThat(seen.get(seen.size() - 1).getStoredCandles()).isEqualTo(10 * 288);
                    assertThat(stub.getInventory(GetInventoryRequest.getDefaultInstance()).getSeries(0).getCount()).isEqualTo(10 * 288);
                    // the fetched candles come back through GetCandles, in order and complete
                    List<Long> times = new ArrayList<>();
                    stub.getCandles(GetCandlesRequest.newBuilder().setSymbol("ETH/USD").setTimeframe("5m").build())
                            .forEachRemaining(r -> times.addAll(r.getChunk().getOpenTimesList()));
                    assertThat(times).hasSize(10 * 288).isSorted();
                    assertThat(times.get(0)).isEqualTo(to - 10 * 86_400_000L);
                } finally {
                    channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
                }
                Path cliLog = dir.resolve("cli.log");
                assertThat(EngineProcess.run(cliLog, "history", "inventory", "--data-dir", data.toString())).isEqualTo(1);
                assertThat(Files.readString(cliLog)).contains("an engine is running on").contains("HistoryService");
            } finally {
                engine.destroy();
                engine.waitFor(15, TimeUnit.SECONDS);
            }
        }
    }
}
