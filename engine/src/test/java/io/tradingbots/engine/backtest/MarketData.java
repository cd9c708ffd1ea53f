package io.tradingbots.engine.backtest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real candles, found from the project root or from the module directory; skips when absent. */
final class MarketData {

    private MarketData() {}

    static Path file(String name) {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path root : new Path[] {cwd, cwd.getParent()}) {
            if (root == null || root.getParent() == null) {
                continue;
            }
            Path p = root.getParent().resolve("shared").resolve("data").resolve("market").resolve(name);
            if (root.resolve("pom.xml").toFile().isFile() && root.resolve("engine").toFile().isDirectory() && Files.isRegularFile(p)) {
                return p;
            }
        }
        Path expected = cwd.getParent() == null ? Path.of("../shared/data/market", name) : cwd.getParent().getParent()
                .resolve("shared/data/market").resolve(name);
        assumeTrue(false, "real market data not found (expected " + expected + "): test skipped");
        return null;
    }
}
