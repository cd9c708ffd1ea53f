package io.tradingbots.desktop.connection;

import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.desktop.ssh.KnownHosts;
import io.tradingbots.desktop.ssh.SshFailure;
import io.tradingbots.desktop.ssh.SshKeys;
import io.tradingbots.desktop.ssh.SshTarget;
import io.tradingbots.desktop.ssh.SshTunnel;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.HostPort;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reaches an engine on a server: SSH login, tunnel, token read over the same session, then the handshake. */
public final class SshEngineConnector {

    private static final Logger log = LoggerFactory.getLogger(SshEngineConnector.class);

    /** What the SSH form asked for. {@code passphrase} lives only as long as the attempt. */
    public record Request(SshTarget target, Path keyFile, String passphrase, int remotePort, String remoteDataDir,
                          Optional<ApiToken> token, Optional<Path> agentSocket) {

        /** With a key file. */
        public Request(SshTarget target, Path keyFile, String passphrase, int remotePort, String remoteDataDir,
                       Optional<ApiToken> token) {
            this(target, keyFile, passphrase, remotePort, remoteDataDir, token, Optional.empty());
        }

        @Override
        public String toString() {
            return "Request[" + target + ", key=" + agentSocket.map(a -> "ssh-agent at " + a).orElse(String.valueOf(keyFile))
                    + ", remotePort=" + remotePort + ", dataDir=" + remoteDataDir + "]";
        }
    }

    /** Opens a session through SSH; {@link #open} in the application, a fake in tests. */
    @FunctionalInterface
    public interface Opener {
        EngineSession open(Request request) throws SshFailure, EngineException;
    }

    private final KnownHosts knownHosts;

    public SshEngineConnector(KnownHosts knownHosts) {
        this.knownHosts = knownHosts;
    }

    public KnownHosts knownHosts() {
        return knownHosts;
    }

    public EngineSession open(Request request) throws SshFailure, EngineException {
        long start = System.nanoTime();
        List<KeyPair> keys = request.agentSocket().isPresent() ? List.of() : SshKeys.load(request.keyFile(), request.passphrase());
        long keysLoaded = System.nanoTime();
        SshTunnel tunnel = request.agentSocket().isPresent()
                ? SshTunnel.openWithAgent(request.target(), request.agentSocket().get(), request.remotePort(), knownHosts)
                : SshTunnel.open(request.target(), keys, request.remotePort(), knownHosts);
        long tunnelUp = System.nanoTime();
        ApiToken token;
        try {
            token = request.token().isPresent() ? request.token().get() : remoteToken(tunnel, request.remoteDataDir());
        } catch (SshFailure | RuntimeException e) {
            tunnel.close();
            throw e;
        }
        long tokenRead = System.nanoTime();
        EngineSession session = EngineSession.open(new HostPort("127.0.0.1", tunnel.localPort()), token,
                transport(tunnel));
        log.info("through SSH to {} in {} ms (key {} ms, login and tunnel {} ms, token {} ms, handshake {} ms)",
                request.target(), ms(start, System.nanoTime()), ms(start, keysLoaded), ms(keysLoaded, tunnelUp),
                ms(tunnelUp, tokenRead), ms(tokenRead, System.nanoTime()));
        return session;
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static ApiToken remoteToken(SshTunnel tunnel, String dataDir) throws SshFailure {
        String dir = dataDir.endsWith("/") ? dataDir.substring(0, dataDir.length() - 1) : dataDir;
        String path = dir + "/" + ApiToken.FILE_NAME;
        String text = tunnel.readRemoteFile(path);
        try {
            return ApiToken.of(text.strip());
        } catch (IllegalArgumentException e) {
            throw new SshFailure(SshFailure.Kind.TOKEN, path + " on the server does not hold an API token: "
                    + "restart the engine there to write a new one", e);
        }
    }

    private static EngineSession.Transport transport(SshTunnel tunnel) {
        return new EngineSession.Transport() {
            @Override
            public String describe() {
                return "ssh " + tunnel.target() + " → engine port " + tunnel.remotePort();
            }

            @Override
            public void watch(Consumer<String> listener) {
                tunnel.onStateChange((state, detail) -> listener.accept(
                        state.name().toLowerCase(java.util.Locale.ROOT) + (detail.isEmpty() ? "" : ": " + detail)));
            }

            @Override
            public void close() {
                tunnel.close();
            }
        };
    }
}
