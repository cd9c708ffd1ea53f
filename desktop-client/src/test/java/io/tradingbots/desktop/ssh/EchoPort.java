package io.tradingbots.desktop.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A stand-in for the engine's port in the tunnel tests: on 127.0.0.1, it echoes the first byte of
 * each connection, each on its own thread (the tunnel's probe connects and sends nothing).
 */
final class EchoPort implements AutoCloseable {

    private final ServerSocket server;

    private EchoPort(ServerSocket server) {
        this.server = server;
    }

    static EchoPort start() throws IOException {
        EchoPort port = new EchoPort(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread accept = new Thread(port::serve, "fake-engine");
        accept.setDaemon(true);
        accept.start();
        return port;
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread one = new Thread(() -> echoOnce(s), "fake-engine-connection");
                one.setDaemon(true);
                one.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void echoOnce(Socket s) {
        try (s) {
            s.setSoTimeout(20_000);
            int b = s.getInputStream().read();
            if (b >= 0) {
                s.getOutputStream().write(b);
            }
        } catch (IOException e) {
            // a probe closes without sending
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
