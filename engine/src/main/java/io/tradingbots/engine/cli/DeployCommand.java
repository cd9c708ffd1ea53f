package io.tradingbots.engine.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.tradingbots.api.v1.DeploymentEvent;
import io.tradingbots.api.v1.DeploymentServiceGrpc;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetDeploymentRequest;
import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.RollbackRequest;
import io.tradingbots.api.v1.RollbackResponse;
import io.tradingbots.engine.EngineException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tb deploy}: the deployment as the engine sees it, and rollback through the supervisor. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Releases installed on the engine's host, the deployment history, and rollback.",
        subcommands = {DeployCommand.Status.class, DeployCommand.Rollback.class, DeployCommand.Wait.class})
final class DeployCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the running version, the installed releases and the deployment history.")
    static final class Status extends ShowCommand<GetDeploymentResponse> {
        @Override
        GetDeploymentResponse ask(ManagedChannel channel) {
            return DeploymentServiceGrpc.newBlockingStub(channel).withCallCredentials(client.credentials())
                    .withDeadlineAfter(5, TimeUnit.SECONDS).getDeployment(GetDeploymentRequest.getDefaultInstance());
        }

        @Override
        void print(PrintWriter out, GetDeploymentResponse r) {
            out.println("running     " + r.getRunningVersion());
            if (!r.getManaged()) {
                out.println("releases    none: this engine was not started by the deploy scripts");
                return;
            }
            out.println("root        " + r.getRoot());
            out.println("releases");
            r.getReleasesList().forEach(rel -> out.printf("  %s %-24s commit %-12s installed %s%n", rel.getCurrent() ? "*" : " ",
                    rel.getVersion(), rel.getGitCommit(), Instant.ofEpochSecond(rel.getInstalledAt().getSeconds())));
            out.println("history (newest first)");
            r.getHistoryList().stream().limit(20).forEach(h -> out.println("  " + line(h)));
        }
    }

    static String line(DeploymentEvent h) {
        String result = h.getResult().name().replace("DEPLOYMENT_RESULT_", "").toLowerCase();
        return Instant.ofEpochSecond(h.getTime().getSeconds()) + "  " + h.getAction() + " " + h.getFromVersion() + " -> "
                + h.getToVersion() + "  " + result + "  by " + h.getActor() + ": " + h.getMessage();
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Switch the engine's host back to an installed release, through its supervisor, and wait for it.",
                    "The engine restarts: the target must pass the same health gate as a deployment, else the current release comes back."})
    static final class Rollback implements Callable<Integer> {
        @Mixin
        ClientOptions client;
        @Option(names = "--to", paramLabel = "VERSION", required = true, description = "Installed version to switch to.")
        String version;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
                description = "How long to wait for the engine to come back (default: ${DEFAULT-VALUE}).")
        int timeout;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ManagedChannel channel = client.channel();
            try {
                var stub = DeploymentServiceGrpc.newBlockingStub(channel).withCallCredentials(client.credentials());
                RollbackResponse r;
                try {
                    r = stub.withDeadlineAfter(10, TimeUnit.SECONDS).rollback(RollbackRequest.newBuilder()
                            .setVersion(version).setRequestedBy(who() + " (tb deploy rollback)").build());
                } catch (StatusRuntimeException e) {
                    throw Rpc.explain(e, client.target);
                }
                out.println("tb: rollback " + r.getFromVersion() + " -> " + r.getToVersion() + " queued (request " + r.getRequestId()
                        + "); waiting for the engine to come back...");
                out.flush();
                // The old engine stops, then the target starts on the same address (or the old one returns).
                Instant deadline = Instant.now().plusSeconds(timeout);
                boolean sawDown = false;
                while (Instant.now().isBefore(deadline)) {
                    String running = Probe.version(channel, client);
                    if (running == null) {
                        sawDown = true;
                    } else if (running.equals(version)) {
                        out.println("tb: engine " + version + " is serving");
                        return 0;
                    } else if (sawDown) {
                        GetDeploymentResponse d = stub.withDeadlineAfter(5, TimeUnit.SECONDS).getDeployment(GetDeploymentRequest.getDefaultInstance());
                        String why = d.getHistoryCount() > 0 ? line(d.getHistory(0)) : "no history";
                        throw new EngineException("the rollback to " + version + " failed and " + running + " runs again: " + why);
                    }
                    Thread.sleep(250);
                }
                throw new EngineException("the engine did not come back as " + version + " within " + timeout + " s: check the supervisor"
                        + " (deploy/supervisor.log under the release root)");
            } finally {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }

        private static String who() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
            return System.getProperty("user.name", "someone") + "@" + host;
        }
    }

    @Command(name = "wait", mixinStandardHelpOptions = true,
            description = {"Health gate: wait until the engine reports health SERVING and the expected version.",
                    "Exit 0 when it does, 1 at the deadline or when the engine's process (--pid) is gone. Used by tb-release."})
    static final class Wait implements Callable<Integer> {
        @Mixin
        ClientOptions client;
        @Option(names = "--version", paramLabel = "VERSION", required = true, description = "Version GetInfo must report.")
        String version;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Deadline (default: ${DEFAULT-VALUE}).")
        int timeout;
        @Option(names = "--pid", paramLabel = "PID", description = "Fail at once when this process (the engine) has exited.")
        Long pid;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Instant start = Instant.now();
            Instant deadline = start.plusSeconds(timeout);
            ManagedChannel channel = client.channel();
            String last = "no answer";
            try {
                while (Instant.now().isBefore(deadline)) {
                    if (pid != null && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                        throw new EngineException("health gate: the engine process " + pid + " exited after "
                                + Duration.between(start, Instant.now()).toMillis() / 1000.0 + " s (last: " + last + ")");
                    }
                    String running = Probe.version(channel, client);
                    if (version.equals(running)) {
                        spec.commandLine().getOut().println("health gate: " + version + " SERVING after "
                                + Duration.between(start, Instant.now()).toMillis() / 1000.0 + " s");
                        return 0;
                    }
                    if (running != null) {
                        last = "serving version " + running;
                    }
                    Thread.sleep(200);
                }
                throw new EngineException("health gate: " + version + " not SERVING within " + timeout + " s (last: " + last + ")");
            } finally {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }

    /** One look at the engine: its version when health says SERVING, else null. */
    static final class Probe {
        private Probe() {}

        static String version(ManagedChannel channel, ClientOptions client) {
            try {
                var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
                if (health.getStatus() != ServingStatus.SERVING) {
                    return null;
                }
                // The token is read anew: a restored database comes with its data directory's token.
                return EngineServiceGrpc.newBlockingStub(channel).withCallCredentials(client.credentials())
                        .withDeadlineAfter(2, TimeUnit.SECONDS).getInfo(GetInfoRequest.getDefaultInstance()).getVersion();
            } catch (StatusRuntimeException e) {
                // The engine restarts during a switch: retry at once next time, not after gRPC's reconnect backoff.
                channel.resetConnectBackoff();
                return null;
            }
        }
    }
}
