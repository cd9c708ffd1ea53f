package io.tradingbots.engine.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.order.BotBook;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.OrderJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paper trading on a file journal, killed with SIGKILL at random moments and restarted each
 * time, ends with exactly the state of an uninterrupted run: nothing lost, nothing twice.
 */
class JournalKillIT {

    private static final int STEPS = 1_000;
    private static final int BOTS = 5;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomAndRestartedItEndsExactlyAsAnUninterruptedRun() throws Exception {
        Path calm = dir.resolve("uninterrupted");
        assertThat(run(calm, null)).isZero();

        Path killed = dir.resolve("killed");
        Random random = new Random(20261125L);
        int kills = 0;
        List<String> resumedAt = new ArrayList<>();
        for (int attempt = 0; attempt < 30; attempt++) {
            Path log = dir.resolve("run" + attempt + ".log");
            Process p = start(killed, log);
            await().atMost(Duration.ofSeconds(60)).until(() -> !p.isAlive() || Files.readString(log).contains("ready"));
            resumedAt.add(Files.readString(log).lines().filter(l -> l.startsWith("ready")).findFirst().orElse("?"));
            if (kills < 4 && p.isAlive()) {
                Thread.sleep(random.nextInt(400)); // a random moment of the run
                if (p.isAlive()) {
                    p.destroyForcibly(); // SIGKILL
                    p.waitFor();
                    kills++;
                    continue;
                }
            }
            p.waitFor();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            if (Files.readString(log).contains("done")) {
                break;
            }
        }
        assertThat(kills).as("runs killed (resumed at %s)", resumedAt).isGreaterThanOrEqualTo(3);
        Map<String, BotState> expected = states(calm);
        Map<String, BotState> actual = states(killed);
        // the two journals have different random tags, so their client order ids differ only there
        assertThat(withoutTag(actual, tag(killed))).isEqualTo(withoutTag(expected, tag(calm)));
        assertThat(actual.keySet()).hasSize(BOTS);
        assertThat(expected.values().stream().mapToLong(BotState::fillCount).sum()).as("fills").isGreaterThan(300);
    }

    private int run(Path data, Path log) throws Exception {
        Process p = start(data, log == null ? dir.resolve("calm.log") : log);
        return p.waitFor();
    }

    private static Process start(Path data, Path log) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"),
                JournalCrashDriver.class.getName(), data.toString(), Integer.toString(STEPS), Integer.toString(BOTS));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String withoutTag(Map<String, BotState> states, String tag) {
        return states.toString().replace("tb" + tag + "-", "tb<tag>-");
    }

    private static String tag(Path data) {
        try (Database db = Database.openFile(data); OrderJournal j = OrderJournal.open(db)) {
            return j.tag();
        }
    }

    private static Map<String, BotState> states(Path data) {
        try (Database db = Database.openFile(data); OrderJournal j = OrderJournal.open(db)) {
            Map<String, BotState> out = new TreeMap<>();
            BotBook.replayAll(j.readAll()).forEach((id, b) -> out.put(id, b.state()));
            return out;
        }
    }
}
