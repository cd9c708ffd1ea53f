package io.tradingbots.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTrip() throws Exception {
        ConnectionSettingsStore store = new ConnectionSettingsStore(dir.resolve("cfg/tradingbots/desktop.properties"));
        store.save(new ConnectionSettings("10.0.0.5:50051", "/srv/tb/api-token", ""));

        assertThat(store.load()).isEqualTo(new ConnectionSettings("10.0.0.5:50051", "/srv/tb/api-token", ""));
    }

    @Test
    void nothingSavedYetMeansEmpty() {
        assertThat(new ConnectionSettingsStore(dir.resolve("none.properties")).load()).isEqualTo(ConnectionSettings.EMPTY);
    }

    @Test
    void fileIsPrivateToItsOwner() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("cfg/tradingbots/desktop.properties");
        ConnectionSettingsStore store = new ConnectionSettingsStore(file);
        store.save(new ConnectionSettings("h:1", "", "typed-token-0123456789"));
        store.save(new ConnectionSettings("h:2", "", "typed-token-0123456789"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(store.load().host()).isEqualTo("h:2");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void theTokenIsStoredOnlyWhenTypedAndNeverPrinted() throws Exception {
        Path file = dir.resolve("desktop.properties");
        ConnectionSettingsStore store = new ConnectionSettingsStore(file);
        store.save(new ConnectionSettings("h:1", "/d/api-token", ""));
        assertThat(Files.readString(file)).doesNotContain("token=");

        ConnectionSettings typed = new ConnectionSettings("h:1", "", "typed-token-0123456789");
        store.save(typed);
        assertThat(store.load().token()).isEqualTo("typed-token-0123456789");
        assertThat(typed.toString()).doesNotContain("typed-token").contains("****");
    }
}
