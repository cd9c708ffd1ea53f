package io.tradingbots.desktop.connection;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link ConnectionSettings} in a properties file readable only by its owner (0600 in a
 * 0700 directory where the file system has POSIX permissions), replaced atomically on save.
 */
public final class ConnectionSettingsStore {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSettingsStore.class);
    private static final String HOST = "host";
    private static final String TOKEN_FILE = "tokenFile";
    private static final String TOKEN = "token";

    private final Path file;

    public ConnectionSettingsStore(Path file) {
        this.file = file;
    }

    /** {@code ~/.config/tradingbots/desktop.properties}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".config", "tradingbots", "desktop.properties");
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or {@link ConnectionSettings#EMPTY} when there are none or they cannot be read. */
    public ConnectionSettings load() {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            return ConnectionSettings.EMPTY;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("ignoring unreadable settings file {}: {}", file, e.toString());
            return ConnectionSettings.EMPTY;
        }
        return new ConnectionSettings(props.getProperty(HOST), props.getProperty(TOKEN_FILE), props.getProperty(TOKEN));
    }

    public void save(ConnectionSettings settings) throws IOException {
        Properties props = new Properties();
        props.setProperty(HOST, settings.host());
        props.setProperty(TOKEN_FILE, settings.tokenFile());
        if (!settings.token().isEmpty()) {
            props.setProperty(TOKEN, settings.token());
        }
        Path dir = file.toAbsolutePath().getParent();
        createPrivateDirectory(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, privacy(tmp, "rw-------"));
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            props.store(out, "Trading Bots desktop client: last connection");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, privacy(dir, "rwx------"));
        } catch (FileAlreadyExistsException e) {
            // created concurrently: fine
        }
    }

    /** The permissions as a creation attribute, or none where the file system has no POSIX permissions. */
    private static FileAttribute<?>[] privacy(Path path, String perms) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }
}
