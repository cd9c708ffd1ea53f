package io.tradingbots.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {

    @TempDir
    Path dir;

    @Test
    void neverShowsTheSecretInToString() {
        ApiToken token = ApiToken.of("abcdefghijklmnopqrstuvwxyz012345");
        assertThat(token.toString()).doesNotContain("abcdef");
        assertThat(new BearerAuth(token).toString()).doesNotContain("abcdef");
    }

    @Test
    void readsTheFileAndTrimsTheNewline() throws IOException {
        Path file = dir.resolve(ApiToken.FILE_NAME);
        Files.writeString(file, "abcdefghijklmnopqrstuvwxyz012345\n");
        ApiToken token = ApiToken.read(file);
        assertThat(token.matches("abcdefghijklmnopqrstuvwxyz012345")).isTrue();
        assertThat(token.matches("abcdefghijklmnopqrstuvwxyz012346")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void missingOrMalformedFileSaysWhatToDoWithoutEchoingContent() throws IOException {
        assertThatThrownBy(() -> ApiToken.read(dir.resolve("nope"))).hasMessageContaining("start the engine once");
        Path bad = dir.resolve("bad");
        Files.writeString(bad, "short secret!");
        assertThatThrownBy(() -> ApiToken.read(bad))
                .hasMessageContaining("malformed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short secret"));
    }
}
