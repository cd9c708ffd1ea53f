package io.tradingbots.desktop.engine;

import io.grpc.StatusRuntimeException;
import io.tradingbots.api.v1.DeploymentServiceGrpc;
import io.tradingbots.api.v1.GetDeploymentRequest;
import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.RollbackRequest;
import io.tradingbots.api.v1.RollbackResponse;
import java.util.concurrent.TimeUnit;

/**
 * The engine's releases, deployment history and rollback. Calls block (run them off the UI
 * thread) and turn failures into an {@link EngineException} with the engine's words.
 */
public final class DeploymentClient implements DeploymentSource {

    private final DeploymentServiceGrpc.DeploymentServiceBlockingStub blocking;
    private final String target;

    DeploymentClient(DeploymentServiceGrpc.DeploymentServiceBlockingStub blocking, String target) {
        this.blocking = blocking;
        this.target = target;
    }

    @Override
    public GetDeploymentResponse deployment() throws EngineException {
        try {
            return deadline().getDeployment(GetDeploymentRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public RollbackResponse rollback(String version, String requestedBy) throws EngineException {
        try {
            return deadline().rollback(RollbackRequest.newBuilder().setVersion(version).setRequestedBy(requestedBy).build());
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    private DeploymentServiceGrpc.DeploymentServiceBlockingStub deadline() {
        return blocking.withDeadlineAfter(EngineClient.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
