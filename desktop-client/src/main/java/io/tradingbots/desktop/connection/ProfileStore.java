package io.tradingbots.desktop.connection;

import io.tradingbots.desktop.support.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named {@link ConnectionProfile}s, one properties file each in a directory only the owner may
 * enter (0700; files 0600), by default {@code ~/.config/tradingbots/profiles/}.
 */
public final class ProfileStore {

    private static final Logger log = LoggerFactory.getLogger(ProfileStore.class);
    private static final String SUFFIX = ".profile";

    private final Path dir;

    public ProfileStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Every readable profile, by name. */
    public List<ConnectionProfile> list() {
        List<ConnectionProfile> profiles = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return profiles;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(profiles::add);
            }
        } catch (IOException e) {
            log.warn("cannot list the connection profiles in {}: {}", dir, e.toString());
        }
        profiles.sort(Comparator.comparing(ConnectionProfile::name, String.CASE_INSENSITIVE_ORDER));
        return profiles;
    }

    public Optional<ConnectionProfile> find(String name) {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public void save(ConnectionProfile profile) throws IOException {
        if (profile.name().isEmpty()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        Properties props = new Properties();
        props.setProperty("name", profile.name());
        props.setProperty("kind", profile.kind().name().toLowerCase(java.util.Locale.ROOT));
        props.setProperty("host", profile.host());
        props.setProperty("tokenFile", profile.tokenFile());
        if (!profile.token().isEmpty()) {
            props.setProperty("token", profile.token());
        }
        props.setProperty("sshLogin", profile.sshLogin());
        props.setProperty("keyFile", profile.keyFile());
        props.setProperty("remotePort", Integer.toString(profile.remotePort()));
        props.setProperty("remoteDataDir", profile.remoteDataDir());
        StringWriter text = new StringWriter();
        props.store(text, "Trading Bots desktop client: connection profile (no passphrase is ever stored)");
        PrivateFiles.createDirectory(dir);
        PrivateFiles.writeAtomically(dir.resolve(profile.fileStem() + SUFFIX), text.toString());
    }

    public void delete(String name) throws IOException {
        Optional<ConnectionProfile> profile = find(name);
        if (profile.isPresent()) {
            Files.deleteIfExists(dir.resolve(profile.get().fileStem() + SUFFIX));
        }
    }

    private static Optional<ConnectionProfile> read(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
            int port = Integer.parseInt(props.getProperty("remotePort", "0").strip());
            return Optional.of(new ConnectionProfile(props.getProperty("name"),
                    ConnectionProfile.Kind.parse(props.getProperty("kind")), props.getProperty("host"),
                    props.getProperty("tokenFile"), props.getProperty("token"), props.getProperty("sshLogin"),
                    props.getProperty("keyFile"), port, props.getProperty("remoteDataDir")));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("ignoring unreadable connection profile {}: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
