package io.tradingbots.desktop.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.desktop.InProcessEngine;
import io.tradingbots.desktop.TestMessages;
import io.tradingbots.desktop.TokenCheck;
import io.tradingbots.desktop.connection.SshEngineConnector;
import io.tradingbots.desktop.engine.EngineSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in with the keys of a real OpenSSH ssh-agent (started here on a socket of its own, the
 * key added with ssh-add) to a real OpenSSH server on 127.0.0.1, through {@link AgentSocket}: no
 * native library, the private key never read by the client. Skipped where ssh-agent is missing.
 */
class SshAgentIT {

    private static final String SSH_AGENT = "/usr/bin/ssh-agent";

    @TempDir
    static Path dir;

    private static OpenSshServer sshd;
    private static Process agent;
    private static Process emptyAgent;
    private static Path agentSocket;
    private static Path emptySocket;
    private static EchoPort engine;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(SSH_AGENT)), SSH_AGENT + " is missing: apt-get install openssh-client");
        sshd = OpenSshServer.start(Files.createDirectory(dir.resolve("sshd")), "");
        agentSocket = dir.resolve("agent.sock");
        agent = startAgent(agentSocket);
        emptySocket = dir.resolve("empty-agent.sock");
        emptyAgent = startAgent(emptySocket);
        ProcessBuilder add = new ProcessBuilder("ssh-add", sshd.clientKey().toString()).redirectErrorStream(true);
        add.environment().put("SSH_AUTH_SOCK", agentSocket.toString());
        Process adding = add.start();
        String out = new String(adding.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(adding.waitFor(30, TimeUnit.SECONDS) && adding.exitValue() == 0).as("ssh-add: " + out).isTrue();
        engine = EchoPort.start();
    }

    private static Process startAgent(Path socket) throws Exception {
        Process p = new ProcessBuilder(SSH_AGENT, "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(socket.getFileName() + ".log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        await("ssh-agent on " + socket).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(socket));
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {agent, emptyAgent}) {
            if (p != null) {
                p.destroy();
            }
        }
        if (engine != null) {
            engine.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private KnownHosts trusting() throws IOException {
        return new KnownHosts(Files.writeString(Files.createTempFile(dir, "known_hosts", ""), sshd.knownHostsLine()));
    }

    @Test
    void theAgentListsTheAddedKeyAndItsSignaturesVerify() throws Exception {
        PublicKey expected = SshKeys.load(sshd.clientKey(), "").get(0).getPublic();
        byte[] data = "session id and userauth request".getBytes(StandardCharsets.UTF_8);

        try (AgentSocket client = AgentSocket.connect(agentSocket)) {
            List<PublicKey> keys = new ArrayList<>();
            client.getIdentities().forEach(e -> keys.add(e.getKey()));
            assertThat(keys).containsExactly(expected);

            Map.Entry<String, byte[]> signed = client.sign(null, expected, "ssh-ed25519", data);

            assertThat(signed.getKey()).isEqualTo("ssh-ed25519");
            Signature verifier = BuiltinSignatures.ed25519.create();
            verifier.initVerifier(null, expected);
            verifier.update(null, data);
            assertThat(verifier.verify(null, signed.getValue())).as("the agent's signature checks out").isTrue();
            verifier.initVerifier(null, expected);
            verifier.update(null, "other data".getBytes(StandardCharsets.UTF_8));
            assertThat(verifier.verify(null, signed.getValue())).isFalse();
        }
    }

    @Test
    void theTunnelLogsInWithTheAgentsKeyAndForwards() throws Exception {
        Path token = Files.writeString(dir.resolve("api-token"), "agent-token-0123456789\n");

        try (SshTunnel tunnel = SshTunnel.openWithAgent(sshd.target(), agentSocket, engine.port(), trusting())) {
            try (Socket through = new Socket(InetAddress.getLoopbackAddress(), tunnel.localPort())) {
                through.setSoTimeout(10_000);
                through.getOutputStream().write('a');
                assertThat(through.getInputStream().read()).isEqualTo('a');
            }
            assertThat(tunnel.readRemoteFile(token.toString())).isEqualTo("agent-token-0123456789\n");
        }
    }

    /** The app's path: the SSH form's "ssh-agent" through the connector, the gRPC handshake through the tunnel. */
    @Test
    void theConnectorReachesAGrpcEngineWithTheAgentsKey() throws Exception {
        Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new EngineServiceGrpc.EngineServiceImplBase() {
                    @Override
                    public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
                        response.onNext(TestMessages.info());
                        response.onCompleted();
                    }
                }, new TokenCheck(InProcessEngine.TOKEN))).build().start();
        try {
            SshEngineConnector.Request request = new SshEngineConnector.Request(sshd.target(), null, "", grpc.getPort(),
                    dir.toString(), Optional.of(InProcessEngine.TOKEN), Optional.of(agentSocket));

            try (EngineSession session = new SshEngineConnector(trusting()).open(request)) {
                assertThat(session.info()).isEqualTo(TestMessages.info());
                assertThat(session.transport()).hasValueSatisfying(t -> assertThat(t.describe())
                        .isEqualTo("ssh " + sshd.target() + " → engine port " + grpc.getPort()));
            }
        } finally {
            grpc.shutdownNow();
        }
    }

    @Test
    void anAgentWithoutKeysOrNoAgentAtAllIsSaidPlainly() throws Exception {
        KnownHosts knownHosts = trusting();

        assertThatThrownBy(() -> SshTunnel.openWithAgent(sshd.target(), emptySocket, engine.port(), knownHosts))
                .isInstanceOf(SshFailure.class).hasMessage("the ssh-agent at " + emptySocket
                        + " holds no keys: add yours with ssh-add, or choose a key file");
        Path nowhere = dir.resolve("no-agent.sock");
        assertThatThrownBy(() -> SshTunnel.openWithAgent(sshd.target(), nowhere, engine.port(), knownHosts))
                .isInstanceOf(SshFailure.class).hasMessageStartingWith("no ssh-agent answers at " + nowhere)
                .hasMessageContaining("ssh-add");
    }
}
