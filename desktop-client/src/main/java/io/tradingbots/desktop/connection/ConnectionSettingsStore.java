package io.tradingbots.desktop.connection;

import io.tradingbots.desktop.support.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
        StringWriter text = new StringWriter();
        props.store(text, "Trading Bots desktop client: last connection");
        PrivateFiles.writeAtomically(file, text.toString());
    }
}
