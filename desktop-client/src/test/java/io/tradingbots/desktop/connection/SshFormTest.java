package io.tradingbots.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.desktop.engine.EngineException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshFormTest {

    private final SshForm form = new SshForm();

    @Test
    void sshAgentAsTheKeyUsesTheRunningAgentsSocketAndNoKeyFile() throws Exception {
        form.loginProperty().set("deploy@droplet:2222");
        form.keyFileProperty().set(" ssh-agent ");
        form.passphraseProperty().set("not used");
        form.useAgentSocket(() -> Optional.of(Path.of("/tmp/ssh-XXXX/agent.123")));

        SshEngineConnector.Request request = form.request("");

        assertThat(request.agentSocket()).contains(Path.of("/tmp/ssh-XXXX/agent.123"));
        assertThat(request.keyFile()).isNull();
        assertThat(request.passphrase()).isEmpty();
        assertThat(request.toString()).contains("key=ssh-agent at /tmp/ssh-XXXX/agent.123");
    }

    @Test
    void sshAgentWithoutAnAgentIsSaidPlainly() {
        form.loginProperty().set("deploy@droplet");
        form.keyFileProperty().set("ssh-agent");
        form.useAgentSocket(Optional::empty);

        assertThatThrownBy(() -> form.request("")).isInstanceOf(EngineException.class)
                .hasMessageStartingWith("no ssh-agent: SSH_AUTH_SOCK is not set for this app");
    }

    @Test
    void aKeyFileStaysAKeyFile() throws Exception {
        form.loginProperty().set("deploy@droplet");
        form.keyFileProperty().set("/keys/id_ed25519");
        form.useAgentSocket(() -> Optional.of(Path.of("/tmp/agent")));

        SshEngineConnector.Request request = form.request("");

        assertThat(request.keyFile()).isEqualTo(Path.of("/keys/id_ed25519"));
        assertThat(request.agentSocket()).isEmpty();
    }
}
