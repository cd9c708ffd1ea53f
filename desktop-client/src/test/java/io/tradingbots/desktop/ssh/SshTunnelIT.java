package io.tradingbots.desktop.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tunnel against a real OpenSSH server on 127.0.0.1: what works, and that each way it can
 * fail is named for the user. A plain socket stands in for the engine.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SshTunnelIT {

    private static final String PASSPHRASE = "correct horse 42";

    @TempDir
    static Path dir;

    private static OpenSshServer sshd;
    private static EchoPort engine;
    private static List<KeyPair> keys;

    @BeforeAll
    static void start() throws Exception {
        sshd = OpenSshServer.start(dir, PASSPHRASE);
        engine = EchoPort.start();
        keys = SshKeys.load(sshd.clientKey(), PASSPHRASE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static Socket through(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        return s;
    }

    private KnownHosts trusting() throws IOException {
        Path file = Files.createTempFile(dir, "known_hosts", "");
        Files.writeString(file, "# other hosts\nexample.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFsX3D2AkIeXKwy4bfEmPd0tMcOf0j0M9eXhJ3tsHIyX\n"
                + sshd.knownHostsLine());
        return new KnownHosts(file);
    }

    @Test
    void forwardsALocalPortToTheRemotePortAndReadsFilesOverTheSameSession() throws Exception {
        Path token = Files.writeString(dir.resolve("api-token"), "remote-token-0123456789\n");
        try (SshTunnel tunnel = SshTunnel.open(sshd.target(), keys, engine.port(), trusting())) {
            try (Socket through = through(tunnel.localPort())) {
                through.getOutputStream().write('x');
                assertThat(through.getInputStream().read()).isEqualTo('x');
            }
            assertThat(tunnel.readRemoteFile(token.toString())).isEqualTo("remote-token-0123456789\n");
            assertThatThrownBy(() -> tunnel.readRemoteFile(dir.resolve("missing/api-token").toString()))
                    .isInstanceOf(SshFailure.class).hasMessageContaining("No such file")
                    .hasMessageContaining("has the engine run there once");
        }
    }

    @Test
    void loggingInAgainAfterTheSessionDropsKeepsTheLocalPort() throws Exception {
        List<String> states = new CopyOnWriteArrayList<>();
        try (SshTunnel tunnel = SshTunnel.open(sshd.target(), keys, engine.port(), trusting())) {
            int port = tunnel.localPort();
            tunnel.onStateChange((state, detail) -> states.add(state.name()));
            tunnel.dropForTest();
            await("the tunnel back up").atMost(Duration.ofSeconds(15)).until(() -> states.contains("UP"));
            assertThat(states.get(0)).isEqualTo("RECONNECTING");
            assertThat(tunnel.localPort()).isEqualTo(port);
            try (Socket through = through(port)) {
                through.getOutputStream().write('y');
                assertThat(through.getInputStream().read()).isEqualTo('y');
            }
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint() throws Exception {
        KnownHosts empty = new KnownHosts(dir.resolve("none/known_hosts"));
        assertThatThrownBy(() -> SshTunnel.open(sshd.target(), keys, engine.port(), empty))
                .isInstanceOfSatisfying(SshFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(SshFailure.Kind.HOST_KEY_UNKNOWN);
                    assertThat(f.hostKey()).isPresent();
                })
                .hasMessageContaining(sshd.hostKeyFingerprint());
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        Path other = OpenSshServer.keygen(dir.resolve("other_host_key"), "");
        String[] pub = Files.readString(Path.of(other + ".pub")).split(" ");
        Path file = Files.writeString(dir.resolve("changed_known_hosts"),
                sshd.target().knownHostsName() + " " + pub[0] + " " + pub[1] + "\n");
        assertThatThrownBy(() -> SshTunnel.open(sshd.target(), keys, engine.port(), new KnownHosts(file)))
                .isInstanceOfSatisfying(SshFailure.class,
                        f -> assertThat(f.kind()).isEqualTo(SshFailure.Kind.HOST_KEY_CHANGED))
                .hasMessageStartingWith("WARNING: the host key of " + sshd.target().knownHostsName() + " has CHANGED");
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        List<KeyPair> stranger = SshKeys.load(OpenSshServer.keygen(dir.resolve("stranger"), ""), "");
        assertThatThrownBy(() -> SshTunnel.open(sshd.target(), stranger, engine.port(), trusting()))
                .isInstanceOfSatisfying(SshFailure.class, f -> assertThat(f.kind()).isEqualTo(SshFailure.Kind.AUTH))
                .hasMessageContaining("refused to log in " + System.getProperty("user.name"));
    }

    @Test
    void aWrongOrMissingPassphraseIsNamed() {
        assertThatThrownBy(() -> SshKeys.load(sshd.clientKey(), "wrong"))
                .isInstanceOfSatisfying(SshFailure.class, f -> assertThat(f.kind()).isEqualTo(SshFailure.Kind.PASSPHRASE))
                .hasMessageStartingWith("wrong passphrase for the key");
        assertThatThrownBy(() -> SshKeys.load(sshd.clientKey(), ""))
                .isInstanceOfSatisfying(SshFailure.class, f -> assertThat(f.kind()).isEqualTo(SshFailure.Kind.PASSPHRASE))
                .hasMessageContaining("is protected by a passphrase");
    }

    @Test
    void nothingListeningOnTheEnginePortIsNamed() throws Exception {
        int closedPort = OpenSshServer.freePort();
        assertThatThrownBy(() -> SshTunnel.open(sshd.target(), keys, closedPort, trusting()))
                .isInstanceOfSatisfying(SshFailure.class,
                        f -> assertThat(f.kind()).isEqualTo(SshFailure.Kind.ENGINE_NOT_LISTENING))
                .hasMessageContaining("nothing listens on 127.0.0.1:" + closedPort);
    }

    @Test
    void anSshPortWithNothingOnItIsUnreachable() throws Exception {
        SshTarget nowhere = new SshTarget("root", "127.0.0.1", OpenSshServer.freePort());
        assertThatThrownBy(() -> SshTunnel.open(nowhere, keys, engine.port(), trusting()))
                .isInstanceOfSatisfying(SshFailure.class,
                        f -> assertThat(f.kind()).isEqualTo(SshFailure.Kind.UNREACHABLE))
                .hasMessageStartingWith("cannot reach 127.0.0.1 on SSH port " + nowhere.port());
    }
}
