package io.tradingbots.desktop.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts decisions: known, unknown, changed; and appending an accepted key. */
class KnownHostsTest {

    @TempDir
    Path dir;

    private final SshTarget droplet = SshTarget.parse("deploy@droplet.example:2222");

    private static PublicKey ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        return pair.getPublic();
    }

    private static PublicKey rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
    }

    private KnownHosts file(String text) throws Exception {
        return new KnownHosts(Files.writeString(dir.resolve("known_hosts"), text));
    }

    @Test
    void theListedKeyIsKnown() throws Exception {
        PublicKey key = ecKey();
        KnownHosts hosts = file("[droplet.example]:2222 " + PublicKeyEntry.toString(key) + "\n");

        assertThat(hosts.check(droplet, key)).isEqualTo(KnownHosts.Verdict.KNOWN);
    }

    @Test
    void aHostNotListedOrListedOnAnotherPortIsUnknown() throws Exception {
        PublicKey key = ecKey();
        KnownHosts hosts = file("droplet.example " + PublicKeyEntry.toString(key) + "\n"
                + "other.example " + PublicKeyEntry.toString(ecKey()) + "\n");

        assertThat(hosts.check(droplet, key)).as("port 22 entry does not cover 2222").isEqualTo(KnownHosts.Verdict.UNKNOWN);
        assertThat(new KnownHosts(dir.resolve("missing")).check(droplet, key)).isEqualTo(KnownHosts.Verdict.UNKNOWN);
    }

    @Test
    void anotherKeyOfTheSameTypeIsAChange() throws Exception {
        KnownHosts hosts = file("[droplet.example]:2222 " + PublicKeyEntry.toString(ecKey()) + "\n");

        assertThat(hosts.check(droplet, ecKey())).isEqualTo(KnownHosts.Verdict.CHANGED);
    }

    @Test
    void onlyAKeyOfAnotherTypeListedIsUnknownNotChanged() throws Exception {
        KnownHosts hosts = file("[droplet.example]:2222 " + PublicKeyEntry.toString(rsaKey()) + "\n");

        assertThat(hosts.check(droplet, ecKey())).isEqualTo(KnownHosts.Verdict.UNKNOWN);
    }

    @Test
    void anAcceptedKeyIsAppendedAndThenKnownAndTheNewFileIsPrivate() throws Exception {
        PublicKey key = ecKey();
        KnownHosts hosts = new KnownHosts(dir.resolve("ssh/known_hosts"));

        hosts.add(droplet, key);

        assertThat(hosts.check(droplet, key)).isEqualTo(KnownHosts.Verdict.KNOWN);
        assertThat(Files.readString(hosts.file())).startsWith("[droplet.example]:2222 ecdsa-sha2-nistp256 ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts.file()))).isEqualTo("rw-------");
    }

    @Test
    void appendingKeepsExistingLinesEvenWithoutATrailingNewline() throws Exception {
        KnownHosts hosts = file("other.example " + PublicKeyEntry.toString(rsaKey()));
        PublicKey key = ecKey();

        hosts.add(droplet, key);

        assertThat(Files.readAllLines(hosts.file())).hasSize(2);
        assertThat(hosts.check(droplet, key)).isEqualTo(KnownHosts.Verdict.KNOWN);
    }

    @Test
    void fingerprintsLookLikeOpenSsh() throws Exception {
        assertThat(KnownHosts.fingerprint(ecKey())).matches("SHA256:[A-Za-z0-9+/]{43}");
    }
}
