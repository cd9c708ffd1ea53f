package io.tradingbots.desktop.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Each failure gets its own kind and a message that says what to do. */
class SshErrorsTest {

    private final SshTarget target = SshTarget.parse("deploy@droplet:2222");

    @Test
    void refusedOrTimedOutConnectionsAreUnreachable() {
        SshFailure refused = SshErrors.connecting(target, new IOException("boom", new ConnectException("Connection refused")));
        SshFailure timeout = SshErrors.connecting(target, new IOException("Failed to get operation result within specified timeout: 10000"));

        assertThat(refused.kind()).isEqualTo(SshFailure.Kind.UNREACHABLE);
        assertThat(refused.getMessage()).isEqualTo("cannot reach droplet on SSH port 2222: is the server up, "
                + "the address right and port 2222 open in its firewall?");
        assertThat(timeout.kind()).isEqualTo(SshFailure.Kind.UNREACHABLE);
    }

    @Test
    void anUnknownNameSaysToCheckTheSpelling() {
        SshFailure f = SshErrors.connecting(target, new IOException(new UnknownHostException("droplet")));

        assertThat(f.kind()).isEqualTo(SshFailure.Kind.UNREACHABLE);
        assertThat(f.getMessage()).startsWith("unknown host 'droplet'");
    }

    @Test
    void noMoreAuthenticationMethodsIsAnAuthFailure() {
        SshFailure f = SshErrors.connecting(target, new IOException("No more authentication methods available"));

        assertThat(f.kind()).isEqualTo(SshFailure.Kind.AUTH);
        assertThat(f.getMessage()).contains("~deploy/.ssh/authorized_keys");
    }

    @Test
    void anythingElseKeepsItsRootCause() {
        SshFailure f = SshErrors.connecting(target, new IOException("outer", new IllegalStateException("kex failed")));

        assertThat(f.kind()).isEqualTo(SshFailure.Kind.OTHER);
        assertThat(f.getMessage()).isEqualTo("SSH to deploy@droplet:2222 failed: kex failed");
    }

    @Test
    void theEngineNotListeningSaysSshWorked() {
        SshFailure f = SshErrors.engineNotListening(target, 50051, new IOException("open failed"));

        assertThat(f.kind()).isEqualTo(SshFailure.Kind.ENGINE_NOT_LISTENING);
        assertThat(f.getMessage()).startsWith("SSH to deploy@droplet:2222 works, but nothing listens on 127.0.0.1:50051");
    }
}
