package io.tradingbots.engine.history;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.datadir.DataDirectory;
import io.tradingbots.engine.db.Database;
import io.tradingbots.shared.ApiToken;
import java.nio.file.Path;

/**
 * The history of a data directory opened by a command, without an engine: it takes the engine
 * lock, so it refuses (and says how to go on) while an engine runs on the same directory.
 */
public final class LocalHistory implements AutoCloseable {

    private final DataDirectory dir;
    private final Database db;
    final CandleHistory history;

    private LocalHistory(DataDirectory dir, Database db) {
        this.dir = dir;
        this.db = db;
        this.history = new CandleHistory(new CandleStore(db));
    }

    public static LocalHistory open(Path dataDir) {
        Path root = dataDir == null ? ApiToken.defaultDataDir() : dataDir;
        DataDirectory dir;
        try {
            dir = DataDirectory.open(root);
        } catch (EngineException e) {
            if (e.getMessage().contains("in use by another engine")) {
                throw new EngineException("an engine is running on " + root.toAbsolutePath().normalize()
                        + ": stop it first, or drive its history over gRPC (tradingbots.v1.HistoryService, see docs/history.md)");
            }
            throw e;
        }
        try {
            return new LocalHistory(dir, Database.openFile(dir.databaseDir()));
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    public CandleHistory history() {
        return history;
    }

    Database database() {
        return db;
    }

    @Override
    public void close() {
        db.close();
        dir.close();
    }
}
