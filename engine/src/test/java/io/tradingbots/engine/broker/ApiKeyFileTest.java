package io.tradingbots.engine.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyFileTest {

    @TempDir
    Path dir;

    private Path keys(String text, String perms) throws Exception {
        Path f = dir.resolve("keys-" + System.nanoTime());
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void anOwnerOnlyFileGivesBothKeysAndNothingPrintsThem() throws Exception {
        ApiKeyFile k = ApiKeyFile.read(keys("apiKey=AK-secret-1\nsecretKey=SK-secret-2\n", "rw-------"));
        assertThat(k.apiKey()).isEqualTo("AK-secret-1");
        assertThat(k.secretKey()).isEqualTo("SK-secret-2");
        assertThat(k.toString()).doesNotContain("secret-1").doesNotContain("secret-2");
    }

    @Test
    void aFileOthersCanReadOrABadFileIsRefusedWithoutShowingAKey() throws Exception {
        assertThatThrownBy(() -> ApiKeyFile.read(keys("apiKey=AK-secret-1\nsecretKey=SK-secret-2\n", "rw-r--r--")))
                .hasMessageContaining("can be read by others").hasMessageContaining("chmod 600").hasMessageNotContaining("secret-");
        assertThatThrownBy(() -> ApiKeyFile.read(keys("apiKey=AK-secret-1\n", "rw-------")))
                .hasMessageContaining("needs both apiKey= and secretKey=").hasMessageNotContaining("secret-1");
        assertThatThrownBy(() -> ApiKeyFile.read(keys("apiKey=AK-secret-1\nsecret=SK-secret-2\n", "rw-------")))
                .hasMessageContaining("unknown key 'secret'").hasMessageNotContaining("secret-2");
        assertThatThrownBy(() -> ApiKeyFile.read(dir.resolve("missing"))).hasMessageContaining("does not exist");
    }
}
