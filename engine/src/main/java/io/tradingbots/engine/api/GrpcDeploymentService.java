package io.tradingbots.engine.api;

import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.DeploymentEvent;
import io.tradingbots.api.v1.DeploymentResult;
import io.tradingbots.api.v1.DeploymentServiceGrpc;
import io.tradingbots.api.v1.GetDeploymentRequest;
import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.RollbackRequest;
import io.tradingbots.api.v1.RollbackResponse;
import io.tradingbots.engine.deployment.DeploymentStatus;
import io.tradingbots.engine.deployment.Deployments;
import io.tradingbots.engine.deployment.HistoryEntry;
import io.tradingbots.engine.deployment.Release;

/** DeploymentService: translates between the API and {@link Deployments}; no logic of its own. */
public final class GrpcDeploymentService extends DeploymentServiceGrpc.DeploymentServiceImplBase {

    private final Deployments deployments;

    public GrpcDeploymentService(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public void getDeployment(GetDeploymentRequest request, StreamObserver<GetDeploymentResponse> response) {
        DeploymentStatus s = deployments.status();
        GetDeploymentResponse.Builder b = GetDeploymentResponse.newBuilder()
                .setRunningVersion(s.runningVersion())
                .setManaged(s.managed())
                .setRoot(s.root())
                .setCurrentVersion(s.currentVersion());
        s.releases().forEach(r -> b.addReleases(toProto(r)));
        s.history().forEach(h -> b.addHistory(toProto(h)));
        response.onNext(b.build());
        response.onCompleted();
    }

    @Override
    public void rollback(RollbackRequest request, StreamObserver<RollbackResponse> response) {
        String from = deployments.status().currentVersion();
        String id = deployments.requestRollback(request.getVersion(), request.getRequestedBy());
        response.onNext(RollbackResponse.newBuilder().setRequestId(id).setFromVersion(from).setToVersion(request.getVersion()).build());
        response.onCompleted();
    }

    static io.tradingbots.api.v1.Release toProto(Release r) {
        io.tradingbots.api.v1.Release.Builder b = io.tradingbots.api.v1.Release.newBuilder()
                .setVersion(r.version()).setGitCommit(r.commit()).setCurrent(r.current());
        if (r.installedAt() != null) {
            b.setInstalledAt(ProtoMapper.time(r.installedAt()));
        }
        return b.build();
    }

    static DeploymentEvent toProto(HistoryEntry h) {
        return DeploymentEvent.newBuilder()
                .setTime(ProtoMapper.time(h.time()))
                .setActor(h.actor())
                .setAction(h.action())
                .setFromVersion(h.fromVersion())
                .setToVersion(h.toVersion())
                .setResult(switch (h.result()) {
                    case SUCCEEDED -> DeploymentResult.DEPLOYMENT_RESULT_SUCCEEDED;
                    case ROLLED_BACK -> DeploymentResult.DEPLOYMENT_RESULT_ROLLED_BACK;
                    case FAILED -> DeploymentResult.DEPLOYMENT_RESULT_FAILED;
                    case UNKNOWN -> DeploymentResult.DEPLOYMENT_RESULT_UNSPECIFIED;
                })
                .setMessage(h.message())
                .build();
    }
}
