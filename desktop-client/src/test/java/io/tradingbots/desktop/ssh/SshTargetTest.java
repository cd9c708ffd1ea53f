package io.tradingbots.desktop.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SshTargetTest {

    @Test
    void parsesUserHostAndOptionalPort() {
        assertThat(SshTarget.parse("deploy@203.0.113.5")).isEqualTo(new SshTarget("deploy", "203.0.113.5", 22));
        assertThat(SshTarget.parse(" deploy@Droplet:2222 ")).isEqualTo(new SshTarget("deploy", "droplet", 2222));
        assertThat(SshTarget.parse("me@[::1]:2200")).isEqualTo(new SshTarget("me", "::1", 2200));
    }

    @Test
    void namesHostsAsKnownHostsDoes() {
        assertThat(SshTarget.parse("a@h").knownHostsName()).isEqualTo("h");
        assertThat(SshTarget.parse("a@h:2222").knownHostsName()).isEqualTo("[h]:2222");
        assertThat(SshTarget.parse("a@h:2222")).hasToString("a@h:2222");
    }

    @Test
    void refusesWhatIsNotUserAtHost() {
        assertThatThrownBy(() -> SshTarget.parse("droplet")).hasMessage("'droplet' is not user@host[:port]");
        assertThatThrownBy(() -> SshTarget.parse("a@h:ssh")).hasMessage("SSH port 'ssh' in 'a@h:ssh' is not a number");
        assertThatThrownBy(() -> SshTarget.parse("a@h:70000")).hasMessage("SSH port 70000 is outside 1-65535");
    }

    @Test
    void quotesRemotePathsForTheShell() {
        assertThat(SshTunnel.shellPath("~/.tradingbots/api-token")).isEqualTo("\"$HOME\"/'.tradingbots/api-token'");
        assertThat(SshTunnel.shellPath("/srv/it's here/api-token")).isEqualTo("'/srv/it'\\''s here/api-token'");
    }
}
