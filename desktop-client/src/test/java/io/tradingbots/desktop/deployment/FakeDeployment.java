package io.tradingbots.desktop.deployment;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.DeploymentServiceGrpc;
import io.tradingbots.api.v1.GetDeploymentRequest;
import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.RollbackRequest;
import io.tradingbots.api.v1.RollbackResponse;
import io.tradingbots.desktop.InProcessEngine;
import io.tradingbots.desktop.engine.EngineClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process DeploymentService behind the token check: answers the deployment it is given,
 * records every Rollback and accepts it, or refuses it with a status as the engine would.
 */
final class FakeDeployment implements AutoCloseable {

    private final InProcessEngine server;
    private final List<RollbackRequest> rollbacks = new CopyOnWriteArrayList<>();
    private volatile GetDeploymentResponse deployment = GetDeploymentResponse.getDefaultInstance();
    private volatile Status refusal;

    FakeDeployment() throws IOException {
        server = new InProcessEngine(new Service());
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
        return server.client();
    }

    @Override
    public void close() {
        server.close();
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
