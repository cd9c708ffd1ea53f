package io.tradingbots.engine.deployment;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One line of {@code deploy/history.tsv}, written by tb-release:
 * {@code time<TAB>actor<TAB>action<TAB>from<TAB>to<TAB>result<TAB>message}, time in ISO-8601 UTC,
 * result one of {@code succeeded}, {@code rolled-back}, {@code failed}.
 */
public record HistoryEntry(Instant time, String actor, String action, String fromVersion, String toVersion,
                           Result result, String message) {

    public enum Result { SUCCEEDED, ROLLED_BACK, FAILED, UNKNOWN }

    /** Parses one line; a line that is not in the format (hand edits, a torn write) is skipped. */
    public static Optional<HistoryEntry> parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 7) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HistoryEntry(Instant.parse(f[0]), f[1], f[2], f[3], f[4], result(f[5]), f[6]));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Result result(String s) {
        return switch (s) {
            case "succeeded" -> Result.SUCCEEDED;
            case "rolled-back" -> Result.ROLLED_BACK;
            case "failed" -> Result.FAILED;
            default -> Result.UNKNOWN;
        };
    }
}
