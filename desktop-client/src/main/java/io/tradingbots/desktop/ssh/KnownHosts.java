package io.tradingbots.desktop.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * An OpenSSH known_hosts file (plain or hashed host names): what it says about a server's key,
 * and appending a key the user accepted.
 */
public final class KnownHosts {

    /** What the file says about the key a server offered. */
    public enum Verdict {
        /** the same key is listed for this host */
        KNOWN,
        /** nothing listed for this host with this key type: ask the user */
        UNKNOWN,
        /** a different key of the same type is listed for this host: possible man in the middle */
        CHANGED
    }

    private final Path file;

    public KnownHosts(Path file) {
        this.file = file;
    }

    /** {@code ~/.ssh/known_hosts}. */
    public static KnownHosts userDefault() {
        return new KnownHosts(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    }

    public Path file() {
        return file;
    }

    public Verdict check(SshTarget target, PublicKey offered) throws IOException {
        return decide(keysFor(target), offered);
    }

    /** The rule, apart from the file: same key known, same type but another key changed, else unknown. */
    static Verdict decide(List<PublicKey> listed, PublicKey offered) {
        String type = KeyUtils.getKeyType(offered);
        boolean sameTypeListed = false;
        for (PublicKey key : listed) {
            if (KeyUtils.compareKeys(key, offered)) {
                return Verdict.KNOWN;
            }
            sameTypeListed |= type.equals(KeyUtils.getKeyType(key));
        }
        return sameTypeListed ? Verdict.CHANGED : Verdict.UNKNOWN;
    }

    /** The keys listed for the target's host and port; unreadable lines (e.g. unknown key types) are skipped. */
    List<PublicKey> keysFor(SshTarget target) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return keys;
        }
        for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
            if (entry.getKeyEntry() == null || !entry.isHostMatch(target.host(), target.port())
                    || isRevoked(entry)) {
                continue;
            }
            try {
                PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    keys.add(key);
                }
            } catch (GeneralSecurityException | IOException | RuntimeException e) {
                // a key type this client cannot read: not evidence either way
            }
        }
        return keys;
    }

    private static boolean isRevoked(KnownHostEntry entry) {
        String marker = entry.getMarker();
        return marker != null && marker.contains("revoked");
    }

    /** Appends {@code [host]:port type base64} for a key the user accepted (file 0600, ~/.ssh 0700 when created). */
    public synchronized void add(SshTarget target, PublicKey key) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            posix(dir, "rwx------");
        }
        boolean created = !Files.exists(file);
        String line = target.knownHostsName() + " " + PublicKeyEntry.toString(key) + System.lineSeparator();
        String prefix = !created && !endsWithNewline() ? System.lineSeparator() : "";
        Files.writeString(file, prefix + line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (created) {
            posix(file, "rw-------");
        }
    }

    private boolean endsWithNewline() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
    }

    private static void posix(Path path, String perms) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        }
    }

    /** {@code SHA256:base64}, as {@code ssh-keygen -lf} and OpenSSH's prompt show it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}
