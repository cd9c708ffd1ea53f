package io.tradingbots.engine.broker;

import io.tradingbots.engine.EngineException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * Exchange API keys from a file only its owner can read ({@code chmod 600}): two lines,
 * {@code apiKey=...} and {@code secretKey=...}. A file others can read is refused before it is
 * read. Messages name the file and the problem, never a key.
 */
public record ApiKeyFile(String apiKey, String secretKey) {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    public static ApiKeyFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EngineException("API key file " + file + " does not exist (or is not a file)");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new EngineException("API key file " + file + " can be read by others: run chmod 600 " + file + " (and rotate the keys if"
                        + " others could have read them)");
            }
        } catch (UnsupportedOperationException e) {
            throw new EngineException("cannot check who may read " + file + " on this file system: keep live keys on a POSIX file system");
        } catch (IOException e) {
            throw new EngineException("cannot read the permissions of " + file + ": " + e.getMessage());
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineException("cannot read API key file " + file + " (expected lines apiKey=... and secretKey=...)");
        }
        for (String k : p.stringPropertyNames()) {
            if (!k.equals("apiKey") && !k.equals("secretKey")) {
                throw new EngineException("API key file " + file + ": unknown key '" + k + "' (expected apiKey and secretKey)");
            }
        }
        String key = p.getProperty("apiKey", "").strip();
        String secret = p.getProperty("secretKey", "").strip();
        if (key.isEmpty() || secret.isEmpty()) {
            throw new EngineException("API key file " + file + " needs both apiKey= and secretKey= (one is missing or empty)");
        }
        return new ApiKeyFile(key, secret);
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "ApiKeyFile[apiKey=***, secretKey=***]";
    }
}
