package io.tradingbots.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void defaultsWhenNothingIsGiven() {
        LaunchOptions options = LaunchOptions.parse(List.of());
        assertThat(options.host()).isEmpty();
        assertThat(options.tokenFile()).isEmpty();
        assertThat(options.connect()).isFalse();
        assertThat(options.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void readsSeparateAndInlineValues() {
        LaunchOptions options = LaunchOptions.parse(List.of(
                "--host", "127.0.0.1:6000", "--token-file=/d/api-token", "--connect", "--theme", "LIGHT", "--config", "/c.properties",
                "--known-hosts=/k/known_hosts"));
        assertThat(options.host()).contains("127.0.0.1:6000");
        assertThat(options.tokenFile()).contains("/d/api-token");
        assertThat(options.connect()).isTrue();
        assertThat(options.theme()).isEqualTo(Theme.LIGHT);
        assertThat(options.config()).contains(Path.of("/c.properties"));
        assertThat(options.knownHosts()).contains(Path.of("/k/known_hosts"));
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--hots", "x"))).hasMessageContaining("unknown option '--hots'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--host"))).hasMessageContaining("--host needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--theme", "pink"))).hasMessageContaining("use dark or light");
    }

    @Test
    void everyThemeHasItsStylesheets() {
        for (Theme theme : Theme.values()) {
            assertThat(theme.stylesheets()).hasSize(2).allMatch(url -> url.endsWith(".css"));
        }
    }
}
