package io.tradingbots.desktop.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The running ssh-agent (OpenSSH's, at {@code $SSH_AUTH_SOCK}) as MINA's {@link SshAgent}: the
 * agent protocol (list identities, sign) is MINA's {@link AbstractAgentProxy}; only the transport
 * is here, a Unix domain socket through {@link SocketChannel} (Java 16+), because MINA's own Unix
 * agent client needs the native Tomcat APR library. The private key never enters this process.
 */
public final class AgentSocket extends AbstractAgentProxy {

    /** Larger answers than this are not an agent's (OpenSSH caps its messages at 256 KiB). */
    private static final int MAX_MESSAGE = 256 * 1024;

    private final Path socket;
    private final SocketChannel channel;

    private AgentSocket(Path socket, SocketChannel channel) {
        super(null); // requests are answered on the calling thread: no executor
        this.socket = socket;
        this.channel = channel;
    }

    /** Connects to the agent listening at {@code socket}. */
    public static AgentSocket connect(Path socket) throws IOException {
        try {
            return new AgentSocket(socket, SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        } catch (IOException e) {
            throw new IOException("no ssh-agent answers at " + socket + " (" + e.getMessage()
                    + "): start one (eval $(ssh-agent)) and add your key with ssh-add", e);
        }
    }

    /** The agent of this login session, from {@code SSH_AUTH_SOCK}; empty when none is set. */
    public static Optional<Path> fromEnvironment() {
        String value = System.getenv(SshAgent.SSH_AUTHSOCKET_ENV_NAME);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Sends one framed request (length + payload, as {@code prepare} made it) and returns the answer's payload. */
    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer length = readFully(ByteBuffer.allocate(4));
        int size = length.flip().getInt();
        if (size <= 0 || size > MAX_MESSAGE) {
            throw new SshException("the ssh-agent at " + socket + " sent a message of " + size + " bytes");
        }
        return new ByteArrayBuffer(readFully(ByteBuffer.allocate(size)).array());
    }

    private ByteBuffer readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new EOFException("the ssh-agent at " + socket + " closed the connection");
            }
        }
        return into;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            channel.close();
        }
    }

    /** MINA's hook: each authentication asks for a connection to the agent at {@code socket}. */
    public static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                return List.of(); // no agent forwarding to the server
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
                return connect(socket);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) {
                throw new UnsupportedOperationException("agent forwarding is not offered");
            }
        };
    }

    @Override
    public String toString() {
        return "ssh-agent at " + socket;
    }
}
