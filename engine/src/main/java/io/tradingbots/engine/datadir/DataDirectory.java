package io.tradingbots.engine.datadir;

import io.tradingbots.engine.EngineException;
import io.tradingbots.shared.ApiToken;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The engine's data directory: database, logs, API token, and the lock that keeps a second engine
 * away from the same files. Holding an instance means holding the lock; {@link #close()} releases it.
 */
public final class DataDirectory implements AutoCloseable {

    public static final String LOCK_FILE = "engine.lock";
    public static final String PORT_FILE = "engine.port";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed, checks it is writable, and takes the engine lock. */
    public static DataDirectory open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (FileAlreadyExistsException e) {
            throw new EngineException("data directory " + root + " is a file, not a directory: pass another --data-dir");
        } catch (IOException e) {
            throw new EngineException("cannot create data directory " + root + " (" + reason(e) + "): create it or pass another --data-dir", e);
        }
        if (!Files.isDirectory(root)) {
            throw new EngineException("data directory " + root + " is not a directory: pass another --data-dir");
        }
        if (!Files.isWritable(root)) {
            throw new EngineException("data directory " + root + " is not writable: fix its permissions or pass another --data-dir");
        }
        Path lockFile = root.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new EngineException("cannot open lock file " + lockFile + " (" + reason(e) + "): fix the data directory's permissions", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EngineException("cannot lock " + lockFile + " (" + reason(e) + ")", e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new EngineException("data directory " + root + " is in use by another engine: stop that engine or pass another --data-dir");
        }
        return new DataDirectory(root, channel, lock);
    }

    public Path root() {
        return root;
    }

    public Path databaseDir() {
        return root.resolve("db");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    public Path tokenFile() {
        return root.resolve(ApiToken.FILE_NAME);
    }

    /** Reads the API token, creating a new random one (0600) on first start. */
    public ApiToken loadOrCreateToken() {
        Path file = tokenFile();
        try {
            if (Files.exists(file)) {
                return ApiToken.read(file);
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            writeOwnerOnly(file, value + "\n");
            return ApiToken.of(value);
        } catch (IOException e) {
            throw new EngineException("cannot use API token file " + file + " (" + reason(e)
                    + "): delete it to have a new token made at the next start", e);
        }
    }

    /** Publishes the port the engine listens on, so scripts and tests started with port 0 can find it. */
    public void writePort(int port) {
        try {
            Path tmp = root.resolve(PORT_FILE + ".tmp");
            Files.writeString(tmp, Integer.toString(port) + "\n", StandardCharsets.US_ASCII);
            moveAtomically(tmp, root.resolve(PORT_FILE));
        } catch (IOException e) {
            throw new EngineException("cannot write " + root.resolve(PORT_FILE) + " (" + reason(e) + ")", e);
        }
    }

    public void deletePortFile() {
        try {
            Files.deleteIfExists(root.resolve(PORT_FILE));
        } catch (IOException e) {
            // the next start overwrites it
        }
    }

    /** Creates {@code file} readable and writable by its owner only, before any content is written. */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
            tmp.toFile().setReadable(false, false);
            tmp.toFile().setReadable(true, true);
            tmp.toFile().setWritable(false, false);
            tmp.toFile().setWritable(true, true);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        moveAtomically(tmp, file);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        deletePortFile();
        try {
            lock.release();
        } catch (IOException ignored) {
            // the OS releases it when the process exits
        }
        closeQuietly(lockChannel);
    }
}
