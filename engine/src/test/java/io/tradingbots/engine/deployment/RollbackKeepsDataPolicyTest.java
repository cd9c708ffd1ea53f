package io.tradingbots.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule that makes a rollback on request keep the data: a release's migrations only add
 * (tables, nullable columns), so the previous release still opens a database the next one
 * migrated. This checks the engine's side of it: a schema version it does not know is accepted.
 */
class RollbackKeepsDataPolicyTest {

    @TempDir
    Path tmp;

    @Test
    void anEngineOpensADatabaseMigratedOneReleaseAheadOfIt() throws Exception {
        Path dbDir = tmp.resolve("db");
        Files.createDirectories(dbDir);
        Path newer = tmp.resolve("newer-migrations");
        Files.createDirectories(newer);
        Files.writeString(newer.resolve("V99__next_release_adds_a_table.sql"), "CREATE TABLE next_release_notes (id INT PRIMARY KEY, note VARCHAR(100));\n");

        // The next release migrates the database (its own migrations plus V99) and stops.
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl("jdbc:hsqldb:file:" + dbDir.resolve("tradingbots"));
        ds.setUser("SA");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "filesystem:" + newer).load().migrate();
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        }

        // This release, rolled back to, opens it, and writes as usual.
        try (Database db = Database.openFile(dbDir); Connection c = db.connection()) {
            c.createStatement().execute("INSERT INTO engine_run (started_at, version, git_commit, mode, market)"
                    + " VALUES (1, '1.0.0', 'abc', 'PAPER', 'sim')");
            try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM next_release_notes")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).as("the newer release's table is kept, untouched").isZero();
            }
        }
    }
}
