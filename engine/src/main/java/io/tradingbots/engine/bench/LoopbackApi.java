package io.tradingbots.engine.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.TradingMode;
import io.tradingbots.engine.api.ApiServer;
import io.tradingbots.engine.api.EngineFacts;
import io.tradingbots.engine.api.GrpcEngineService;
import io.tradingbots.engine.bot.BotStatus;
import io.tradingbots.engine.bot.BotView;
import io.tradingbots.engine.market.PriceView;
import io.tradingbots.engine.state.StateHub;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The engine's real API server and state hub on a 127.0.0.1 TCP port, with a client channel to it,
 * in one JVM so that send and receive times share a clock.
 */
final class LoopbackApi implements AutoCloseable {

    final StateHub hub = new StateHub();
    private final ExecutorService streams = Executors.newFixedThreadPool(2);
    private final ApiServer server;
    final ManagedChannel channel;
    private final BearerAuth auth;

    LoopbackApi() throws IOException {
        ApiToken token = ApiToken.of("bench-token-0123456789abcdef");
        auth = new BearerAuth(token);
        EngineFacts facts = new EngineFacts("bench", "bench", Instant.now(), Instant.now(), TradingMode.TRADING_MODE_PAPER,
                "bench", "-", ProcessHandle.current().pid());
        server = new ApiServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), token,
                List.of(new GrpcEngineService(facts, hub, streams))).start();
        server.markServing();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        hub.updateBot(bot(BigDecimal.valueOf(300)));
    }

    EngineServiceGrpc.EngineServiceStub stub() {
        return EngineServiceGrpc.newStub(channel).withCallCredentials(auth);
    }

    static BotView bot(BigDecimal equity) {
        return new BotView("sma-core", "Core", "sma-cross(fast=10, slow=30)", "BTC/USD", "5m", BotStatus.RUNNING, "",
                BigDecimal.valueOf(30), BigDecimal.valueOf(300), equity, BigDecimal.ZERO, equity, BigDecimal.ZERO, 0, 0, "HOLD");
    }

    static PriceView price(String symbol, long value) {
        return new PriceView(symbol, BigDecimal.valueOf(value), System.currentTimeMillis(), null);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        streams.shutdownNow();
    }
}
