package io.tradingbots.engine.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.EngineException;
import io.tradingbots.shared.ApiToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void createsAnOwnerOnlyTokenOnceAndKeepsIt() throws IOException {
        Path dir = tmp.resolve("data");
        ApiToken first;
        try (DataDirectory d = DataDirectory.open(dir)) {
            first = d.loadOrCreateToken();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.tokenFile()))).isEqualTo("rw-------");
        }
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThat(d.loadOrCreateToken().matches(first.reveal())).isTrue();
        }
    }

    @Test
    void aSecondEngineOnTheSameDirectoryIsRefused() {
        try (DataDirectory d = DataDirectory.open(tmp)) {
            assertThat(d.root()).isEqualTo(tmp.toAbsolutePath().normalize());
            assertThatThrownBy(() -> DataDirectory.open(tmp))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("in use by another engine");
        }
        DataDirectory.open(tmp).close(); // released again after close
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsReported() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertThatThrownBy(() -> DataDirectory.open(file)).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> DataDirectory.open(file.resolve("sub"))).hasMessageContaining("cannot create data directory");
    }

    @Test
    void thePortFileIsWrittenAndRemovedOnClose() throws IOException {
        DataDirectory d = DataDirectory.open(tmp);
        d.writePort(4242);
        assertThat(Files.readString(tmp.resolve(DataDirectory.PORT_FILE)).trim()).isEqualTo("4242");
        d.close();
        assertThat(tmp.resolve(DataDirectory.PORT_FILE)).doesNotExist();
    }
}
