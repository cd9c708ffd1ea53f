package io.tradingbots.engine.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.engine.state.StateHub;
import io.tradingbots.shared.ApiVersion;
import java.util.concurrent.Executor;

/** EngineService: translates between the API and the engine; no logic of its own. */
public final class GrpcEngineService extends EngineServiceGrpc.EngineServiceImplBase {

    private final EngineFacts facts;
    private final StateHub hub;
    private final Executor streamExecutor;

    public GrpcEngineService(EngineFacts facts, StateHub hub, Executor streamExecutor) {
        this.facts = facts;
        this.hub = hub;
        this.streamExecutor = streamExecutor;
    }

    @Override
    public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
        response.onNext(GetInfoResponse.newBuilder()
                .setVersion(facts.version())
                .setGitCommit(facts.gitCommit())
                .setBuildTime(ProtoMapper.time(facts.buildTime()))
                .setStartTime(ProtoMapper.time(facts.startTime()))
                .setMode(facts.mode())
                .setMarketSource(facts.marketSource())
                .setDataDir(facts.dataDir())
                .setApiVersion(ApiVersion.CURRENT)
                .setPid(facts.pid())
                .build());
        response.onCompleted();
    }

    @Override
    public void watchState(WatchStateRequest request, StreamObserver<WatchStateResponse> response) {
        ServerCallStreamObserver<WatchStateResponse> call = (ServerCallStreamObserver<WatchStateResponse>) response;
        StateStream stream = new StateStream(call, streamExecutor);
        call.setOnCancelHandler(() -> {
            stream.close();
            hub.unsubscribe(stream);
        });
        call.setOnReadyHandler(stream::scheduleDrain);
        stream.begin(hub.subscribe(stream));
    }
}
