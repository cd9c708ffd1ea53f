package io.tradingbots.engine.db;

import io.tradingbots.engine.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.hsqldb.jdbc.JDBCDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's embedded HSQLDB database. The schema comes only from versioned migrations under
 * {@code db/migration}; opening a database migrates it to the version this engine knows.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final String FILE_NAME = "tradingbots";

    static {
        // HSQLDB would otherwise reset java.util.logging, undoing the bridge to Logback.
        System.setProperty("hsqldb.reconfig_logging", "false");
    }

    private final JDBCDataSource dataSource;
    private final String description;

    private Database(JDBCDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /** Opens (creating on first use) the file database in {@code dir}. */
    public static Database openFile(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new EngineException("cannot create database directory " + dir + ": " + e.getMessage(), e);
        }
        Path base = dir.resolve(FILE_NAME);
        // hsqldb.lock_file stays on: HSQLDB's own lock is a second guard behind engine.lock.
        String url = "jdbc:hsqldb:file:" + base + ";hsqldb.default_table_type=cached";
        return open(url, base.toString());
    }

    /** A private in-memory database, for tests. */
    public static Database inMemory(String name) {
        return open("jdbc:hsqldb:mem:" + name, "mem:" + name);
    }

    private static Database open(String url, String description) {
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl(url);
        ds.setUser("SA");
        ds.setPassword("");
        Database db = new Database(ds, description);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // Every commit reaches the disk before the call returns: trades must survive a kill -9.
            s.execute("SET FILES WRITE DELAY FALSE");
        } catch (SQLException e) {
            throw new EngineException("the database at " + description + " cannot be opened (" + firstLine(e)
                    + "): it may be corrupt; restore it from a backup or move the 'db' folder aside (nothing was changed)", e);
        }
        db.migrate();
        return db;
    }

    private void migrate() {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("database {} migrated to schema version {}", description, result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new EngineException("the database at " + description + " could not be migrated (" + firstLine(e)
                    + "): if it was made by a newer engine, run that version or restore a backup", e);
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public String description() {
        return description;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Checkpoints and closes the database so the next start opens it without recovery. */
    @Override
    public void close() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.warn("database shutdown failed: {}", e.getMessage());
        }
    }
}
