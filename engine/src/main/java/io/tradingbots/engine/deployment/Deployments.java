package io.tradingbots.engine.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's view of its deployment: reads the release directory and the history that tb-release
 * keeps, and queues rollback requests for tb-supervisor. It never switches releases itself: the
 * process that would be replaced cannot be the one that checks its successor.
 */
public final class Deployments {

    private static final Logger log = LoggerFactory.getLogger(Deployments.class);
    static final int MAX_HISTORY = 100;

    private final String runningVersion;
    private final Optional<DeploymentLayout> layout;

    public Deployments(String runningVersion, Optional<DeploymentLayout> layout) {
        this.runningVersion = runningVersion;
        this.layout = layout;
    }

    public DeploymentStatus status() {
        if (layout.isEmpty()) {
            return new DeploymentStatus(runningVersion, false, "", "", List.of(), List.of());
        }
        DeploymentLayout l = layout.get();
        String current = currentVersion(l).orElse("");
        return new DeploymentStatus(runningVersion, true, l.root().toString(), current, releases(l, current), history(l));
    }

    /**
     * Queues a switch to {@code version}. The caller's mistakes are exceptions the API layer maps:
     * {@link IllegalArgumentException} (bad name), {@link NoSuchElementException} (not installed),
     * {@link IllegalStateException} (not managed, or already current).
     *
     * @return the request id
     */
    public String requestRollback(String version, String requestedBy) {
        DeploymentLayout l = layout.orElseThrow(() -> new IllegalStateException(
                "this engine was not started by the deploy scripts (no " + DeploymentLayout.ENV + "): there is nothing to roll back to"));
        Path dir = l.release(version);
        if (!Files.isRegularFile(dir.resolve("bin").resolve("tb"))) {
            throw new NoSuchElementException("release " + version + " is not installed; installed: "
                    + String.join(", ", releases(l, "").stream().map(Release::version).toList()));
        }
        String current = currentVersion(l).orElse("");
        if (version.equals(current)) {
            throw new IllegalStateException("release " + version + " is already current");
        }
        String by = sanitize(requestedBy == null || requestedBy.isBlank() ? "api" : requestedBy);
        String id = Instant.now().toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Files.createDirectories(l.requests());
            Path tmp = l.requests().resolve("." + id + ".tmp");
            Files.writeString(tmp, "version=" + version + "\nby=" + by + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, l.requests().resolve(id + ".request"), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, l.requests().resolve(id + ".request"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot queue the rollback request in " + l.requests() + ": " + e.getMessage(), e);
        }
        log.info("rollback to {} requested by {} (request {}); the supervisor will restart the engine", version, by, id);
        return id;
    }

    public String runningVersion() {
        return runningVersion;
    }

    /** One line, no tabs, no control characters: it goes into the TSV history. */
    static String sanitize(String s) {
        String t = s.replaceAll("[\\p{Cntrl}\\t]", " ").strip();
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    static Optional<String> currentVersion(DeploymentLayout l) {
        try {
            Path target = Files.readSymbolicLink(l.current());
            return Optional.of(target.getFileName().toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    static List<Release> releases(DeploymentLayout l, String current) {
        List<Release> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(l.releases())) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String version = d.getFileName().toString();
                if (!DeploymentLayout.isValidVersion(version)) {
                    continue; // tb-release's unpacking area and the like
                }
                Properties p = new Properties();
                Path meta = d.resolve("release.properties");
                Instant installed = null;
                try (InputStream in = Files.newInputStream(meta)) {
                    p.load(in);
                    installed = Files.getLastModifiedTime(d).toInstant();
                } catch (IOException e) {
                    // a release without metadata is still listed
                }
                out.add(new Release(version, p.getProperty("commit", "unknown"), installed, version.equals(current)));
            }
        } catch (IOException e) {
            log.warn("cannot list releases in {}: {}", l.releases(), e.getMessage());
        }
        out.sort(Comparator.comparing((Release r) -> r.installedAt() == null ? Instant.EPOCH : r.installedAt()).reversed());
        return out;
    }

    static List<HistoryEntry> history(DeploymentLayout l) {
        if (!Files.exists(l.history())) {
            return List.of();
        }
        try {
            List<HistoryEntry> out = new ArrayList<>();
            for (String line : Files.readAllLines(l.history(), StandardCharsets.UTF_8)) {
                HistoryEntry.parse(line).ifPresent(out::add);
            }
            Collections.reverse(out);
            return out.size() > MAX_HISTORY ? List.copyOf(out.subList(0, MAX_HISTORY)) : out;
        } catch (IOException e) {
            log.warn("cannot read the deployment history {}: {}", l.history(), e.getMessage());
            return List.of();
        }
    }
}
