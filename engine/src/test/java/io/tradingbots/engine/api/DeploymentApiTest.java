package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.tradingbots.api.v1.DeploymentResult;
import io.tradingbots.api.v1.DeploymentServiceGrpc;
import io.tradingbots.api.v1.GetDeploymentRequest;
import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.RollbackRequest;
import io.tradingbots.api.v1.RollbackResponse;
import io.tradingbots.engine.deployment.DeploymentLayout;
import io.tradingbots.engine.deployment.Deployments;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeploymentService behind the engine's own authentication and error mapping. */
class DeploymentApiTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");

    @TempDir
    Path root;

    private ApiServer server;
    private ManagedChannel channel;
    private DeploymentServiceGrpc.DeploymentServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        for (String v : List.of("1.0.0", "2.0.0")) {
            Files.createDirectories(root.resolve("releases").resolve(v).resolve("bin"));
            Files.writeString(root.resolve("releases").resolve(v).resolve("bin").resolve("tb"), "");
            Files.writeString(root.resolve("releases").resolve(v).resolve("release.properties"), "commit=c" + v + "\n");
        }
        Files.createSymbolicLink(root.resolve("current"), Path.of("releases/2.0.0"));
        Files.createDirectories(root.resolve("deploy"));
        Files.writeString(root.resolve("deploy").resolve("history.tsv"),
                "2026-01-02T00:00:05Z\tbob\tdeploy\t2.0.0\t3.0.0\trolled-back\thealth gate failed\n");
        String name = InProcessServerBuilder.generateName();
        server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN,
                List.of(new GrpcDeploymentService(new Deployments("2.0.0", Optional.of(new DeploymentLayout(root)))))).start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = DeploymentServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void getDeploymentReportsReleasesAndHistory() {
        GetDeploymentResponse r = stub.getDeployment(GetDeploymentRequest.getDefaultInstance());
        assertThat(r.getRunningVersion()).isEqualTo("2.0.0");
        assertThat(r.getManaged()).isTrue();
        assertThat(r.getCurrentVersion()).isEqualTo("2.0.0");
        assertThat(r.getReleasesList()).extracting(rel -> rel.getVersion() + "/" + rel.getGitCommit() + "/" + rel.getCurrent())
                .containsExactlyInAnyOrder("1.0.0/c1.0.0/false", "2.0.0/c2.0.0/true");
        assertThat(r.getHistory(0).getResult()).isEqualTo(DeploymentResult.DEPLOYMENT_RESULT_ROLLED_BACK);
        assertThat(r.getHistory(0).getTime().getSeconds()).isEqualTo(1767312005L);
    }

    @Test
    void rollbackIsQueuedOrRefusedWithTheMatchingStatus() {
        RollbackResponse ok = stub.rollback(RollbackRequest.newBuilder().setVersion("1.0.0").setRequestedBy("test").build());
        assertThat(ok.getFromVersion()).isEqualTo("2.0.0");
        assertThat(root.resolve("deploy").resolve("requests").resolve(ok.getRequestId() + ".request")).exists();

        assertThat(codeOf(() -> stub.rollback(RollbackRequest.newBuilder().setVersion("7.7.7").build()))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(codeOf(() -> stub.rollback(RollbackRequest.newBuilder().setVersion("2.0.0").build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(codeOf(() -> stub.rollback(RollbackRequest.newBuilder().setVersion("a/b").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThatThrownBy(() -> DeploymentServiceGrpc.newBlockingStub(channel).getDeployment(GetDeploymentRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
