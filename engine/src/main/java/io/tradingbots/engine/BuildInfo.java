package io.tradingbots.engine;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/** Version, commit and build time, stamped into the jar by the build. */
public record BuildInfo(String version, String commit, Instant buildTime) {

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
