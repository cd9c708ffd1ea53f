package io.tradingbots.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private static String perms(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void profilesRoundTripInPrivateFiles() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("tradingbots/profiles"));
        ConnectionProfile droplet = new ConnectionProfile("Droplet (prod)", ConnectionProfile.Kind.SSH, "", "", "",
                "deploy@203.0.113.5:2222", "~/.ssh/id_ed25519", 50052, "/srv/trading-bots/data");
        ConnectionProfile local = ConnectionProfile.local("laptop", "127.0.0.1:50051", "~/.tradingbots/api-token", "typed-token-0123456789");

        store.save(droplet);
        store.save(local);

        assertThat(store.list()).containsExactly(droplet, local);
        Path file = store.dir().resolve("droplet__prod_.profile");
        assertThat(perms(file)).isEqualTo("rw-------");
        assertThat(perms(store.dir())).isEqualTo("rwx------");
        assertThat(Files.readString(file)).doesNotContain("token=");
        assertThat(local.toString()).doesNotContain("typed-token");
    }

    @Test
    void savingAgainReplacesAndDeleteRemoves() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("profiles"));
        store.save(ConnectionProfile.local("a", "127.0.0.1:1", "", ""));
        store.save(ConnectionProfile.local("a", "127.0.0.1:2", "", ""));

        assertThat(store.find("a")).map(ConnectionProfile::host).contains("127.0.0.1:2");
        store.delete("a");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void missingFieldsTakeTheDefaultsAndBrokenFilesAreSkipped() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(dir.resolve("old.profile"), "name=old\nkind=ssh\nsshLogin=me@box\n");
        Files.writeString(dir.resolve("bad.profile"), "name=bad\nremotePort=many\n");

        assertThat(store.list()).singleElement().satisfies(p -> {
            assertThat(p.remotePort()).isEqualTo(50051);
            assertThat(p.remoteDataDir()).isEqualTo("~/.tradingbots");
            assertThat(p.kind()).isEqualTo(ConnectionProfile.Kind.SSH);
        });
    }
}
