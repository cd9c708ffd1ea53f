package io.tradingbots.desktop.ssh;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd -D -e}) on 127.0.0.1 and a free port, with its own
 * host key and one authorized client key, both made with ssh-keygen in a temporary directory.
 * Runs as the current user; {@code StrictModes no} and {@code PermitRootLogin yes} because tests
 * run as root on CI.
 */
public final class OpenSshServer implements AutoCloseable {

    public static final String SSHD = "/usr/sbin/sshd";

    private final Path dir;
    private final Path hostKey;
    private final Path clientKey;
    private final int port;
    private final Process process;
    private final Path log;

    private OpenSshServer(Path dir, Path hostKey, Path clientKey, int port, Process process, Path log) {
        this.dir = dir;
        this.hostKey = hostKey;
        this.clientKey = clientKey;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts sshd; the client key is protected by {@code passphrase} (empty for none). */
    public static OpenSshServer start(Path dir, String passphrase) throws Exception {
        if (!Files.isExecutable(Path.of(SSHD))) {
            throw new IllegalStateException(SSHD + " is missing: apt-get install openssh-server (.ci/run does)");
        }
        Path hostKey = keygen(dir.resolve("ssh_host_ed25519_key"), "");
        Path clientKey = keygen(dir.resolve("id_ed25519"), passphrase);
        Path authorized = Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        try {
            // as root, sshd refuses to start without its privilege separation directory
            Files.createDirectories(Path.of("/run/sshd"));
        } catch (IOException e) {
            // not root: sshd runs unprivileged and needs none
        }
        int port = freePort();
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n", List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "StrictModes no",
                "PermitRootLogin yes",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "AllowTcpForwarding yes",
                "LogLevel VERBOSE", "")));
        Path log = dir.resolve("sshd.log");
        Process process = new ProcessBuilder(SSHD, "-f", config.toString(), "-D", "-e")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        OpenSshServer server = new OpenSshServer(dir, hostKey, clientKey, port, process, log);
        await("sshd listening on 127.0.0.1:" + port).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("sshd exited: " + Files.readString(log));
                    }
                    return Files.readString(log).contains("Server listening");
                });
        return server;
    }

    /** A new ed25519 key pair at {@code file} (+ .pub). */
    public static Path keygen(Path file, String passphrase) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "tb-test",
                "-f", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
        return file;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return clientKey;
    }

    /** {@code root@127.0.0.1:port} (the current user). */
    public String login() {
        return System.getProperty("user.name") + "@127.0.0.1:" + port;
    }

    public SshTarget target() {
        return SshTarget.parse(login());
    }

    /** A known_hosts line for this server's real host key. */
    public String knownHostsLine() throws IOException {
        String pub = Files.readString(Path.of(hostKey + ".pub")).strip();
        String[] parts = pub.split(" ");
        return target().knownHostsName() + " " + parts[0] + " " + parts[1] + "\n";
    }

    /** The SHA256 fingerprint ssh-keygen gives for the host key. */
    public String hostKeyFingerprint() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey + ".pub")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out.split(" ")[1];
    }

    public Path dir() {
        return dir;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
