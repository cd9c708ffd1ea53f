package io.tradingbots.desktop.engine;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.desktop.TestMessages;
import io.tradingbots.desktop.TokenCheck;
import io.tradingbots.shared.ApiToken;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** An in-process engine: checks the bearer token, answers GetInfo, and plays one script per WatchState call. */
final class FakeEngine implements AutoCloseable {

    static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");

    private final String name = "fake-engine-" + System.nanoTime();
    private final Server server;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final AtomicInteger watchCalls = new AtomicInteger();
    private volatile GetInfoResponse info = TestMessages.info();
    private volatile List<Script> scripts = List.of(stream -> { });

    /** What the engine does on one WatchState call. */
    interface Script extends Consumer<StreamObserver<WatchStateResponse>> { }

    FakeEngine() throws IOException {
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new Service(), new TokenCheck(TOKEN)))
                .build().start();
    }

    void answerInfo(GetInfoResponse response) {
        info = response;
    }

    /** The n-th WatchState call runs the n-th script; calls past the end run the last one. */
    void streams(Script... perCall) {
        scripts = List.of(perCall);
    }

    int watchCalls() {
        return watchCalls.get();
    }

    EngineClient client(ApiToken token) {
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        channels.add(channel);
        return new EngineClient(channel, "fake:1", token, () -> new Backoff(Duration.ofMillis(20), Duration.ofMillis(80)));
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow();
    }

    private final class Service extends EngineServiceGrpc.EngineServiceImplBase {
        @Override
        public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
            response.onNext(info);
            response.onCompleted();
        }

        @Override
        public void watchState(WatchStateRequest request, StreamObserver<WatchStateResponse> response) {
            int call = watchCalls.getAndIncrement();
            List<Script> all = scripts;
            all.get(Math.min(call, all.size() - 1)).accept(response);
        }
    }
}
