package io.tradingbots.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded engine jar as an operator runs it: a process on 127.0.0.1, talked to over TCP. */
class EngineProcessIT {

    @TempDir
    Path tmp;

    @Test
    void servesHealthReflectionInfoAndALiveStateStreamThenStopsCleanly() throws Exception {
        Path data = tmp.resolve("data");
        try (EngineProcess engine = EngineProcess.start(data, "--speed", "600")) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", engine.port()).usePlaintext().build();
            try {
                assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
                assertThat(listServicesV1alpha(channel)).contains("tradingbots.v1.EngineService", "grpc.health.v1.Health");

                ApiToken token = ApiToken.read(data.resolve("api-token"));
                var stub = EngineServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(token));
                GetInfoResponse info = stub.getInfo(GetInfoRequest.getDefaultInstance());
                assertThat(info.getDataDir()).isEqualTo(data.toAbsolutePath().toString());
                assertThat(info.getMarketSource()).isEqualTo("simulated (seed 42, 600x)");
                assertThat(info.getPid()).isEqualTo(engine.process().pid());

                Iterator<WatchStateResponse> stream = stub.withDeadlineAfter(20, TimeUnit.SECONDS)
                        .watchState(WatchStateRequest.getDefaultInstance());
                WatchStateResponse first = stream.next();
                assertThat(first.getSnapshot()).isTrue();
                assertThat(first.getBotsList()).extracting(b -> b.getId())
                        .containsExactly("sma-core", "scalp", "momentum", "arbitrage", "hedge"); // the default plan
                Set<String> btcPrices = new HashSet<>();
                first.getPricesList().forEach(p -> btcPrices.add(p.getSymbol() + p.getPrice()));
                for (int i = 0; i < 30 && btcPrices.size() < 4; i++) {
                    stream.next().getPricesList().forEach(p -> btcPrices.add(p.getSymbol() + p.getPrice()));
                }
                assertThat(btcPrices).as("distinct prices seen on the stream").hasSizeGreaterThanOrEqualTo(4);
            } finally {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
            int exit = engine.stop();
            assertThat(exit).as("exit code after SIGTERM (128 + 15)").isEqualTo(143);
            assertThat(data.resolve("engine.port")).doesNotExist();
            assertThat(Files.readString(data.resolve("logs").resolve("engine.log"))).contains("engine stopped");
        }
        // The stop was recorded, and the database opens without recovery.
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + data.resolve("db").resolve("tradingbots"), "SA", "");
             ResultSet r = c.createStatement().executeQuery("SELECT stopped_at FROM engine_run")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isPositive();
            c.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    void aSecondEngineOnTheSameDirectoryOrPortIsRefusedWithOneLine() throws Exception {
        Path data = tmp.resolve("data");
        try (EngineProcess engine = EngineProcess.start(data)) {
            Path log = tmp.resolve("second.log");
            int code = EngineProcess.run(log, "engine", "--data-dir", data.toString(), "--listen", "127.0.0.1:0");
            assertThat(code).isEqualTo(1);
            assertThat(Files.readString(log)).contains("is in use by another engine");

            Path log2 = tmp.resolve("port.log");
            int code2 = EngineProcess.run(log2, "engine", "--data-dir", tmp.resolve("other").toString(),
                    "--listen", "127.0.0.1:" + engine.port());
            assertThat(code2).isEqualTo(1);
            assertThat(Files.readString(log2)).contains("is already in use").contains("--listen");
            assertThat(engine.process().isAlive()).isTrue();
        }
    }

    @Test
    void aRestartResumesTheBotsAndKeepsTheirTrades() throws Exception {
        Path data = tmp.resolve("data");
        try (EngineProcess engine = EngineProcess.start(data, "--speed", "3000")) {
            Thread.sleep(4_000); // ~3.3 market hours of 5m decisions
            engine.stop();
        }
        long tradesBefore = count(data, "SELECT COUNT(*) FROM order_event WHERE bot_id = 'sma-core' AND kind = 'FILL'");
        long equityRowsBefore = count(data, "SELECT COUNT(*) FROM bot_equity_point");
        assertThat(equityRowsBefore).as("equity points stored while running").isPositive();
        try (EngineProcess engine = EngineProcess.start(data, "--speed", "3000")) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", engine.port()).usePlaintext().build();
            try {
                var stub = EngineServiceGrpc.newBlockingStub(channel)
                        .withCallCredentials(new BearerAuth(ApiToken.read(data.resolve("api-token"))));
                WatchStateResponse snap = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .watchState(WatchStateRequest.getDefaultInstance()).next();
                assertThat(snap.getBots(0).getTradeCount()).isGreaterThanOrEqualTo(tradesBefore);
            } finally {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
            engine.stop();
        }
        assertThat(count(data, "SELECT COUNT(*) FROM order_event WHERE bot_id = 'sma-core' AND kind = 'FILL'")).isGreaterThanOrEqualTo(tradesBefore);
        assertThat(count(data, "SELECT COUNT(*) FROM engine_run")).isEqualTo(2);
    }

    private static long count(Path data, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + data.resolve("db").resolve("tradingbots"), "SA", "");
             ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            long n = r.getLong(1);
            c.createStatement().execute("SHUTDOWN");
            return n;
        }
    }

    /** What grpcurl's "list" does with an older server: reflection v1alpha. */
    @SuppressWarnings("deprecation")
    private static List<String> listServicesV1alpha(ManagedChannel channel) throws InterruptedException {
        List<String> names = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<ServerReflectionRequest> req = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse r) {
                r.getListServicesResponse().getServiceList().forEach(s -> names.add(s.getName()));
                done.countDown();
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onCompleted() {}
        });
        req.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        done.await(5, TimeUnit.SECONDS);
        req.onCompleted();
        return new ArrayList<>(names);
    }
}
