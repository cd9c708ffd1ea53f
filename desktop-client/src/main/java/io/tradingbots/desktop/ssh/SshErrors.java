package io.tradingbots.desktop.ssh;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.PublicKey;
import java.util.Locale;

/** Turns what went wrong on the way to the engine's server into an {@link SshFailure} a person can act on. */
public final class SshErrors {

    private SshErrors() {}

    public static SshFailure hostKeyUnknown(SshTarget target, PublicKey key, boolean otherTypeKnown) {
        String also = otherTypeKnown ? " (known_hosts lists another key type for it)" : "";
        return new SshFailure(SshFailure.Kind.HOST_KEY_UNKNOWN, "the server " + target.knownHostsName()
                + " is not in known_hosts yet" + also + ". Its " + keyType(key) + " key fingerprint is "
                + KnownHosts.fingerprint(key) + ": compare it with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` "
                + "on the server, then accept it", null, key);
    }

    public static SshFailure hostKeyChanged(SshTarget target, PublicKey key, String knownHostsFile) {
        return new SshFailure(SshFailure.Kind.HOST_KEY_CHANGED, "WARNING: the host key of " + target.knownHostsName()
                + " has CHANGED (now " + KnownHosts.fingerprint(key) + "). Someone may be intercepting the "
                + "connection. Refused. If the server was really reinstalled, remove its old line from "
                + knownHostsFile + " (ssh-keygen -R '" + target.knownHostsName() + "') and connect again",
                null, key);
    }

    /** A failure while connecting or logging in (after the host key check passed or before it ran). */
    public static SshFailure connecting(SshTarget target, Throwable failure) {
        if (causedBy(failure, UnknownHostException.class) || causedBy(failure, UnresolvedAddressException.class)) {
            return new SshFailure(SshFailure.Kind.UNREACHABLE, "unknown host '" + target.host()
                    + "': check the spelling of user@host", failure);
        }
        if (causedBy(failure, ConnectException.class) || causedBy(failure, NoRouteToHostException.class)
                || causedBy(failure, SocketTimeoutException.class) || causedBy(failure, InterruptedIOException.class)
                || mentions(failure, "connection refused") || mentions(failure, "timeout")
                || mentions(failure, "timed out")) {
            return new SshFailure(SshFailure.Kind.UNREACHABLE, "cannot reach " + target.host() + " on SSH port "
                    + target.port() + ": is the server up, the address right and port " + target.port()
                    + " open in its firewall?", failure);
        }
        if (mentions(failure, "no more authentication methods") || mentions(failure, "authentication failed")
                || mentions(failure, "auth fail")) {
            return authFailed(target, failure);
        }
        return new SshFailure(SshFailure.Kind.OTHER, "SSH to " + target + " failed: " + summary(failure), failure);
    }

    public static SshFailure authFailed(SshTarget target, Throwable failure) {
        return new SshFailure(SshFailure.Kind.AUTH, "the server refused to log in " + target.user() + " with this key: "
                + "check the user name and that the key's .pub line is in ~" + target.user()
                + "/.ssh/authorized_keys on the server", failure);
    }

    public static SshFailure engineNotListening(SshTarget target, int remotePort, Throwable failure) {
        return new SshFailure(SshFailure.Kind.ENGINE_NOT_LISTENING, "SSH to " + target + " works, but nothing "
                + "listens on 127.0.0.1:" + remotePort + " there: is the engine running on the server "
                + "(`tb engine`, or its service), and on that port?", failure);
    }

    private static String keyType(PublicKey key) {
        return org.apache.sshd.common.config.keys.KeyUtils.getKeyType(key);
    }

    static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static boolean mentions(Throwable failure, String text) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            String message = c.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
