package io.tradingbots.desktop.ssh;

import io.tradingbots.desktop.engine.Backoff;
import io.tradingbots.shared.DaemonThreads;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH session to the engine's server with a local port forward
 * {@code 127.0.0.1:<free port> -> 127.0.0.1:<engine port>} on the server. When the session drops
 * it logs in again with backoff and forwards the same local port, so a gRPC channel aimed at
 * {@link #localPort()} carries on by itself.
 */
public final class SshTunnel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SshTunnel.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(15);

    /** Where the tunnel stands; {@code detail} says why it is not up. */
    public enum State { UP, RECONNECTING, CLOSED }

    private final SshTarget target;
    private final int remotePort;
    private final List<KeyPair> keys;
    private final KnownHosts knownHosts;
    private final SshClient client;
    private final ScheduledExecutorService scheduler = DaemonThreads.scheduler("tb-ssh-reconnect");
    private final Backoff backoff = Backoff.standard();
    private volatile BiConsumer<State, String> listener = (state, detail) -> { };
    private volatile ClientSession session;
    private volatile boolean closed;
    private volatile int localPort;

    private SshTunnel(SshTarget target, int remotePort, List<KeyPair> keys, Path agentSocket, KnownHosts knownHosts) {
        this.target = target;
        this.remotePort = remotePort;
        this.keys = keys;
        this.knownHosts = knownHosts;
        this.client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY); // ~/.ssh/config is not ours to follow
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER); // only the chosen key
        client.setAgentFactory(agentSocket == null ? null : AgentSocket.factory(agentSocket)); // or the agent's keys
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(10));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
    }

    /**
     * Logs in with the key, checks the server's host key against known_hosts, forwards a free local
     * port to the engine port and checks that the engine port answers on the server.
     */
    public static SshTunnel open(SshTarget target, List<KeyPair> keys, int remotePort, KnownHosts knownHosts)
            throws SshFailure {
        return start(new SshTunnel(target, remotePort, keys, null, knownHosts));
    }

    /** As {@link #open}, logging in with the keys of the ssh-agent listening at {@code agentSocket}. */
    public static SshTunnel openWithAgent(SshTarget target, Path agentSocket, int remotePort, KnownHosts knownHosts)
            throws SshFailure {
        try (AgentSocket agent = AgentSocket.connect(agentSocket)) {
            if (!agent.getIdentities().iterator().hasNext()) {
                throw new SshFailure(SshFailure.Kind.KEY_FILE, "the ssh-agent at " + agentSocket
                        + " holds no keys: add yours with ssh-add, or choose a key file", null);
            }
        } catch (IOException e) {
            throw new SshFailure(SshFailure.Kind.KEY_FILE, e.getMessage(), e);
        }
        return start(new SshTunnel(target, remotePort, List.of(), agentSocket, knownHosts));
    }

    private static SshTunnel start(SshTunnel tunnel) throws SshFailure {
        tunnel.client.start();
        try {
            tunnel.establish(0);
            return tunnel;
        } catch (SshFailure | RuntimeException e) {
            tunnel.close();
            throw e;
        }
    }

    private void establish(int wantedLocalPort) throws SshFailure {
        AtomicReference<SshFailure> refusal = new AtomicReference<>();
        ClientSession s;
        try {
            s = client.connect(target.user(), target.host(), target.port())
                    .verify(CONNECT_TIMEOUT).getSession();
        } catch (IOException | RuntimeException e) {
            throw SshErrors.connecting(target, e);
        }
        try {
            s.setServerKeyVerifier(verifier(refusal));
            keys.forEach(s::addPublicKeyIdentity);
            try {
                s.auth().verify(AUTH_TIMEOUT);
            } catch (IOException | RuntimeException e) {
                if (refusal.get() != null) {
                    throw refusal.get();
                }
                throw s.isAuthenticated() ? SshErrors.connecting(target, e) : SshErrors.authFailed(target, e);
            }
            SshdSocketAddress remote = new SshdSocketAddress("127.0.0.1", remotePort);
            SshdSocketAddress local;
            try {
                local = s.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", wantedLocalPort), remote);
            } catch (IOException e) {
                throw new SshFailure(SshFailure.Kind.OTHER, "cannot open the local end of the tunnel on 127.0.0.1:"
                        + wantedLocalPort + ": " + SshErrors.summary(e), e);
            }
            probe(s, local, remote);
            localPort = local.getPort();
            s.addSessionListener(new SessionListener() {
                @Override
                public void sessionClosed(Session closedSession) {
                    onDropped(closedSession);
                }
            });
            session = s;
            log.info("SSH tunnel to {} up: 127.0.0.1:{} -> 127.0.0.1:{} on the server", target, localPort, remotePort);
        } catch (SshFailure | RuntimeException e) {
            s.close(true);
            throw e;
        }
    }

    /** The key check runs inside MINA's handshake; a refusal is kept so the caller can say why. */
    private ServerKeyVerifier verifier(AtomicReference<SshFailure> refusal) {
        return (ClientSession s, SocketAddress remote, PublicKey key) -> {
            try {
                KnownHosts.Verdict verdict = knownHosts.check(target, key);
                switch (verdict) {
                    case KNOWN:
                        return true;
                    case CHANGED:
                        refusal.set(SshErrors.hostKeyChanged(target, key, knownHosts.file().toString()));
                        return false;
                    default:
                        refusal.set(SshErrors.hostKeyUnknown(target, key, !knownHosts.keysFor(target).isEmpty()));
                        return false;
                }
            } catch (IOException e) {
                refusal.set(new SshFailure(SshFailure.Kind.OTHER, "cannot read " + knownHosts.file() + ": "
                        + SshErrors.summary(e), e));
                return false;
            }
        };
    }

    /** Opens one forwarded connection by hand: the server refuses it when no engine listens there. */
    private void probe(ClientSession s, SshdSocketAddress local, SshdSocketAddress remote) throws SshFailure {
        try (ChannelDirectTcpip channel = s.createDirectTcpipChannel(local, remote)) {
            channel.open().verify(CONNECT_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            throw SshErrors.engineNotListening(target, remotePort, e);
        }
    }

    /** Reads a small text file on the server through the same session ({@code ~/} = the login's home). */
    public String readRemoteFile(String path) throws SshFailure {
        ClientSession s = session;
        try {
            return s.executeRemoteCommand("cat -- " + shellPath(path));
        } catch (IOException | RuntimeException e) {
            throw new SshFailure(SshFailure.Kind.TOKEN, "cannot read " + path + " on " + target.host() + ": "
                    + SshErrors.summary(e).strip() + ". Is the remote data directory right, and has the engine "
                    + "run there once (it writes api-token)?", e);
        }
    }

    /** Quotes a path for the remote shell, keeping a leading {@code ~/} as the home directory. */
    static String shellPath(String path) {
        if (path.equals("~")) {
            return "\"$HOME\"";
        }
        if (path.startsWith("~/")) {
            return "\"$HOME\"/" + quote(path.substring(2));
        }
        return quote(path);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private void onDropped(Session dropped) {
        if (closed || dropped != session) {
            return;
        }
        log.info("SSH session to {} closed; logging in again", target);
        scheduleReconnect("SSH session closed");
    }

    private void scheduleReconnect(String reason) {
        if (closed) {
            return;
        }
        Duration delay = backoff.next();
        listener.accept(State.RECONNECTING, reason + " (next try in " + Math.max(1, (delay.toMillis() + 999) / 1000)
                + "s)");
        try {
            scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        try {
            establish(localPort);
            backoff.reset();
            listener.accept(State.UP, "");
        } catch (SshFailure e) {
            log.info("SSH reconnect to {} failed: {}", target, e.getMessage());
            if (e.kind() == SshFailure.Kind.HOST_KEY_CHANGED || e.kind() == SshFailure.Kind.HOST_KEY_UNKNOWN) {
                listener.accept(State.CLOSED, e.getMessage());
                return;
            }
            scheduleReconnect(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("SSH reconnect to {} failed", target, e);
            scheduleReconnect(SshErrors.summary(e));
        }
    }

    /** Told of each change after the tunnel first came up, on an SSH thread. */
    public void onStateChange(BiConsumer<State, String> listener) {
        this.listener = listener;
    }

    public int localPort() {
        return localPort;
    }

    public SshTarget target() {
        return target;
    }

    public int remotePort() {
        return remotePort;
    }

    /** Drops the session now (tests: what a network failure does). */
    void dropForTest() {
        ClientSession s = session;
        if (s != null) {
            s.close(true);
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        ClientSession s = session;
        if (s != null) {
            s.close(true);
        }
        client.stop();
        listener.accept(State.CLOSED, "");
    }
}
