package io.tradingbots.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migratesAFreshDatabaseAndReopensIt() throws SQLException {
        Database.openFile(dir).close();
        Database db = Database.openFile(dir);
        try (Connection c = db.connection();
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM bot_trade")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
        } finally {
            db.close();
        }
    }

    @Test
    void aCorruptScriptFileIsReportedAndLeftUntouched() throws IOException, NoSuchAlgorithmException {
        Database.openFile(dir).close();
        Path script = dir.resolve(Database.FILE_NAME + ".script");
        Files.writeString(script, Files.readString(script) + "THIS IS NOT SQL\n");
        String before = digest(script);
        assertThatThrownBy(() -> Database.openFile(dir))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("cannot be opened")
                .hasMessageContaining("nothing was changed");
        assertThat(digest(script)).isEqualTo(before);
    }

    private static String digest(Path p) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
