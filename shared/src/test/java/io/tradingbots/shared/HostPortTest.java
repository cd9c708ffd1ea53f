package io.tradingbots.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void parsesHostAndPort() {
        assertThat(HostPort.parse("127.0.0.1:50051")).isEqualTo(new HostPort("127.0.0.1", 50051));
        assertThat(HostPort.parse(" localhost:7 ")).isEqualTo(new HostPort("localhost", 7));
    }

    @Test
    void bareHostGetsDefaultPort() {
        assertThat(HostPort.parse("droplet").port()).isEqualTo(HostPort.DEFAULT_PORT);
    }

    @Test
    void ipv6NeedsBrackets() {
        assertThat(HostPort.parse("[::1]:9000")).isEqualTo(new HostPort("::1", 9000));
        assertThat(HostPort.parse("[::1]:9000").target()).isEqualTo("[::1]:9000");
        assertThatThrownBy(() -> HostPort.parse("::1:9000")).hasMessageContaining("[addr]:port");
    }

    @Test
    void rejectsGarbageWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> HostPort.parse("host:abc")).hasMessageContaining("'abc'").hasMessageContaining("not a number");
        assertThatThrownBy(() -> HostPort.parse("host:70000")).hasMessageContaining("70000");
        assertThatThrownBy(() -> HostPort.parse("")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> HostPort.parse(":50051")).hasMessageContaining("host:port");
    }
}
