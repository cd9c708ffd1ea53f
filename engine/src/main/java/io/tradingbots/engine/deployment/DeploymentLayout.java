package io.tradingbots.engine.deployment;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The release directory on a droplet, as {@code deploy/install.sh} makes it and {@code tb-release}
 * maintains it:
 * <pre>
 * $TB_ROOT/releases/&lt;version&gt;/   unpacked release tarballs (bin/tb, lib/, release.properties)
 * $TB_ROOT/current             symlink to the running release
 * $TB_ROOT/data/               the engine's data directory (database, token, logs)
 * $TB_ROOT/backups/            database copies taken before each switch
 * $TB_ROOT/deploy/history.tsv  one line per deploy or rollback, appended by tb-release
 * $TB_ROOT/deploy/requests/    rollback requests from the engine, picked up by tb-supervisor
 * </pre>
 * The engine learns the root from the environment variable {@value #ENV} (set by tb-release when it
 * starts the engine, and by the systemd unit).
 */
public record DeploymentLayout(Path root) {

    public static final String ENV = "TB_ROOT";

    /** Release names: what a version looks like, and never a path. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    public static Optional<DeploymentLayout> fromEnvironment() {
        String root = System.getenv(ENV);
        if (root == null || root.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new DeploymentLayout(Path.of(root).toAbsolutePath().normalize()));
    }

    public static boolean isValidVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    public Path releases() {
        return root.resolve("releases");
    }

    public Path release(String version) {
        if (!isValidVersion(version)) {
            throw new IllegalArgumentException("'" + version + "' is not a release version (letters, digits, '.', '_', '+', '-')");
        }
        return releases().resolve(version);
    }

    public Path current() {
        return root.resolve("current");
    }

    public Path history() {
        return root.resolve("deploy").resolve("history.tsv");
    }

    public Path requests() {
        return root.resolve("deploy").resolve("requests");
    }
}
