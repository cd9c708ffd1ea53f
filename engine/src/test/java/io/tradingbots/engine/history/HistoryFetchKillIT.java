package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingbots.engine.EngineProcess;
import io.tradingbots.engine.bench.FakeBinanceUs;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tb history fetch} killed with SIGKILL in the middle, then run again: it resumes, nothing twice, no hole. */
class HistoryFetchKillIT {

    @TempDir
    Path dir;

    @Test
    void aFetchKilledWithKill9ResumesWhereItStoppedWithoutDuplicatesOrHoles() throws Exception {
        long to = Timeframe.D1.floor(System.currentTimeMillis());
        long from = to - 20 * 86_400_000L; // 28,800 one-minute candles: 29 requests
        Path data = dir.resolve("data");
        try (FakeBinanceUs fake = new FakeBinanceUs(6_000, 1_000, 0)) {
            fake.slowMs = 150; // slow enough to be killed in the middle
            String[] args = {"history", "fetch", "--symbol", "BTC/USD", "--timeframe", "1m", "--from", Long.toString(from),
                    "--to", Long.toString(to), "--concurrency", "1", "--exchange-url", fake.url(), "--data-dir", data.toString()};
            Path log1 = dir.resolve("first.log");
            Process first = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log1.toFile()).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> fake.klinesCalls.get() >= 8 || !first.isAlive());
            assertThat(first.isAlive()).as("first fetch still running").isTrue();
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean database close
            first.waitFor();
            assertThat(first.exitValue()).isEqualTo(137);
            long callsBeforeKill = fake.klinesCalls.get();

            fake.slowMs = 0;
            Path log2 = dir.resolve("second.log");
            assertThat(EngineProcess.run(log2, args)).as(Files.readString(log2)).isZero();
            String out = Files.readString(log2);
            assertThat(out).contains("fetch done").contains("binanceus BTC/USD 1m: 28,800 candles")
                    .contains("known gaps 0").contains("missing 0 ranges");
            // resumed: the second run asked only for what the first had not stored (plus at most the requests in flight)
            assertThat(fake.klinesCalls.get() - callsBeforeKill).isLessThanOrEqualTo(29 - (callsBeforeKill - 2));
        }
        try (Database db = Database.openFile(data.resolve("db"))) {
            List<Candle> all = new CandleStore(db).read(new SeriesKey("binanceus", "BTC/USD", Timeframe.M1), new TimeRange(0, to));
            assertThat(all).hasSize(28_800);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).openTime()).as("candle %d at %s", i, Instant.ofEpochMilli(from + i * 60_000L))
                        .isEqualTo(from + i * 60_000L);
                assertThat(all.get(i).open()).isEqualTo(FakeBinanceUs.openPrice("BTCUSD", 60_000, all.get(i).openTime()));
            }
        }
    }

    private static List<String> command(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", EngineProcess.jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
