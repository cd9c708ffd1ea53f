package io.tradingbots.desktop.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Reads a private key file (OpenSSH or PEM; ed25519, ECDSA or RSA), decrypting it with the passphrase. */
public final class SshKeys {

    private SshKeys() {}

    /** @param passphrase empty when the key has none; never kept */
    public static List<KeyPair> load(Path keyFile, String passphrase) throws SshFailure {
        if (!Files.isRegularFile(keyFile)) {
            throw new SshFailure(SshFailure.Kind.KEY_FILE, "no private key file at " + keyFile
                    + ": choose the key you log in to the server with (e.g. ~/.ssh/id_ed25519)", null);
        }
        boolean noPassphrase = passphrase == null || passphrase.isEmpty();
        FilePasswordProvider password = noPassphrase ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase);
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(keyFile)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(keyFile.toString()),
                    in, password);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw failure(keyFile, noPassphrase, e);
        }
        if (keys.isEmpty()) {
            throw new SshFailure(SshFailure.Kind.KEY_FILE, keyFile + " holds no private key this client can read "
                    + "(ed25519, ECDSA or RSA in OpenSSH or PEM format)", null);
        }
        return keys;
    }

    private static SshFailure failure(Path keyFile, boolean noPassphrase, Exception e) {
        String text = String.valueOf(SshErrors.summary(e)).toLowerCase(Locale.ROOT);
        boolean encrypted = text.contains("password") || text.contains("passphrase") || text.contains("decrypt")
                || text.contains("encrypt") || text.contains("padding") || text.contains("bad key")
                || text.contains("check values") || text.contains("no password");
        if (noPassphrase && encrypted) {
            return new SshFailure(SshFailure.Kind.PASSPHRASE, "the key " + keyFile
                    + " is protected by a passphrase: enter it (it is never stored)", e);
        }
        if (encrypted) {
            return new SshFailure(SshFailure.Kind.PASSPHRASE, "wrong passphrase for the key " + keyFile
                    + ": type it again", e);
        }
        return new SshFailure(SshFailure.Kind.KEY_FILE, "cannot read the private key " + keyFile + ": "
                + SshErrors.summary(e), e);
    }
}
