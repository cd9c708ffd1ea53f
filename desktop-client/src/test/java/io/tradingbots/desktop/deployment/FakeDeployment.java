package io.tradingbots.desktop.deployment;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.DeploymentServiceGrpc;
import io.tradingbots.api.v1.GetDeploymentRequest;
import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.RollbackRequest;
import io.tradingbots.api.v1.RollbackResponse;
import io.tradingbots.desktop.TokenCheck;
import io.tradingbots.desktop.engine.Backoff;
import io.tradingbots.desktop.engine.EngineClient;
import io.tradingbots.shared.ApiToken;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process DeploymentService behind the token check: answers the deployment it is given,
 * records every Rollback and accepts it, or refuses it with a status as the engine would.
 */
final class FakeDeployment implements AutoCloseable {

    static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");

    private final String name = "fake-deployment-" + System.nanoTime();
    private final Server server;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final List<RollbackRequest> rollbacks = new CopyOnWriteArrayList<>();
    private volatile GetDeploymentResponse deployment = GetDeploymentResponse.getDefaultInstance();
    private volatile Status refusal;

    FakeDeployment() throws IOException {
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new Service(), new TokenCheck(TOKEN)))
                .build().start();
    }

    void answer(GetDeploymentResponse response) {
        deployment = response;
    }

    /** Rollback fails with {@code status} from now on. */
    void refuseRollback(Status status) {
        refusal = status;
    }

    /** Every Rollback received, refused or not. */
    List<RollbackRequest> rollbacks() {
        return rollbacks;
    }

    EngineClient client() {
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        channels.add(channel);
        return new EngineClient(channel, "fake:1", TOKEN, () -> new Backoff(Duration.ofMillis(20), Duration.ofMillis(80)));
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow();
    }

    private final class Service extends DeploymentServiceGrpc.DeploymentServiceImplBase {
        @Override
        public void getDeployment(GetDeploymentRequest request, StreamObserver<GetDeploymentResponse> response) {
            response.onNext(deployment);
            response.onCompleted();
        }

        @Override
        public void rollback(RollbackRequest request, StreamObserver<RollbackResponse> response) {
            rollbacks.add(request);
            if (refusal != null) {
                response.onError(refusal.asRuntimeException());
                return;
            }
            response.onNext(RollbackResponse.newBuilder().setRequestId("rb-42")
                    .setFromVersion(deployment.getCurrentVersion()).setToVersion(request.getVersion()).build());
            response.onCompleted();
        }
    }
}
