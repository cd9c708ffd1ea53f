package io.tradingbots.desktop.ssh;

import java.security.PublicKey;
import java.util.Optional;

/**
 * Why an SSH connection to the engine's server failed, with a message for the person at the
 * screen that names the problem and what to do. An unknown host key carries the key, so the
 * user can accept it.
 */
public final class SshFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        KEY_FILE, PASSPHRASE, UNREACHABLE, AUTH, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, ENGINE_NOT_LISTENING,
        TOKEN, OTHER
    }

    private final Kind kind;
    private final transient PublicKey hostKey;

    public SshFailure(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    public SshFailure(Kind kind, String message, Throwable cause, PublicKey hostKey) {
        super(message, cause);
        this.kind = kind;
        this.hostKey = hostKey;
    }

    public Kind kind() {
        return kind;
    }

    /** The server's key, for {@link Kind#HOST_KEY_UNKNOWN} and {@link Kind#HOST_KEY_CHANGED}. */
    public Optional<PublicKey> hostKey() {
        return Optional.ofNullable(hostKey);
    }
}
