package io.tradingbots.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The bearer token that guards the engine's API. It is a secret: {@link #toString()} never shows
 * it, and error messages name the file, not its content.
 */
public final class ApiToken {

    /** File name of the token inside the engine's data directory. */
    public static final String FILE_NAME = "api-token";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_\\-]{16,256}");

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** Wraps a token typed or pasted by a user; surrounding white space is dropped. */
    public static ApiToken of(String text) {
        String t = text == null ? "" : text.strip();
        if (!VALID.matcher(t).matches()) {
            throw new IllegalArgumentException(
                    "the API token must be 16 to 256 characters of letters, digits, '-' or '_'");
        }
        return new ApiToken(t);
    }

    /** Reads the token file written by the engine ({@code <data-dir>/api-token}). */
    public static ApiToken read(Path file) throws IOException {
        try {
            return of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "no API token file: start the engine once (it creates it) or pass the token");
        } catch (IllegalArgumentException e) {
            throw new IOException("the API token file " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    /** The engine's default data directory, {@code ~/.tradingbots}. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".tradingbots");
    }

    /** The secret itself, for the authorization header only. */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison, so the check does not leak how many leading characters matched. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
