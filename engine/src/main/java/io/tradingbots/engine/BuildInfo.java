package io.tradingbots.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * Version, commit and build time, stamped into the jar by the build. A release tarball carries the
 * same facts in its {@code release.properties}, which its launcher names in the system property
 * {@value #RELEASE_PROPERTY}; when present, that file wins, so the version the engine reports is
 * always the one the release (and its directory on the droplet) is named after.
 */
public record BuildInfo(String version, String commit, Instant buildTime) {

    /** System property naming a release's {@code release.properties} (set by the tarball's bin/tb). */
    public static final String RELEASE_PROPERTY = "tb.release";

    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/tradingbots/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown" values: the build info is informative, never fatal
        }
        String release = System.getProperty(RELEASE_PROPERTY);
        if (release != null && !release.isBlank()) {
            Properties r = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(release))) {
                r.load(in);
                for (String k : r.stringPropertyNames()) {
                    if (clean(r.getProperty(k), null) != null) {
                        p.setProperty(k, r.getProperty(k));
                    }
                }
            } catch (IOException e) {
                // keep the jar's own facts
            }
        }
        return from(p);
    }

    /** Reads version, commit, dirty flag and build time; unset or unfiltered values become "unknown". */
    static BuildInfo from(Properties p) {
        String version = clean(p.getProperty("version"), "dev");
        String commit = clean(p.getProperty("commit"), "unknown");
        if ("true".equals(p.getProperty("dirty")) && !"unknown".equals(commit)) {
            commit = commit + "-dirty";
        }
        Instant built = Instant.EPOCH;
        try {
            String t = clean(p.getProperty("buildTime"), null);
            if (t != null) {
                built = Instant.parse(t);
            }
        } catch (DateTimeParseException e) {
            // leave EPOCH: "unknown"
        }
        return new BuildInfo(version, commit, built);
    }

    private static String clean(String value, String fallback) {
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return fallback;
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return "tb " + version + " (commit " + commit + ", built " + (buildTime.equals(Instant.EPOCH) ? "unknown" : buildTime) + ")";
    }
}
