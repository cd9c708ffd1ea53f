package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingbots.engine.EngineProcess;
import io.tradingbots.engine.bench.CandleFeed;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.order.BotBook;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real engine on an accelerated replay of the five bots, killed with SIGKILL at random
 * moments five times and started again each time, ends with the journal-derived state (cash,
 * positions, every order and fill per bot) of an engine that ran over the same candles without
 * interruption; no order exists twice.
 */
class RuntimeKillIT {

    private static final int CANDLES = 2_880;
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void killedFiveTimesTheEngineEndsExactlyWhereAnUninterruptedOneDoes() throws Exception {
        Map<String, List<Candle>> market = RuntimeHarness.market(CANDLES);
        Path btc = dir.resolve("btc-1m.csv");
        Path eth = dir.resolve("eth-1m.csv");
        CandleFeed.writeCsv(btc, market.get("BTC/USD"));
        CandleFeed.writeCsv(eth, market.get("ETH/USD"));
        String[] args = {"--market", "replay", "--replay", "BTC/USD=" + btc, "--replay", "ETH/USD=" + eth, "--speed", "100000"};

        Path straight = dataDir("straight");
        runToEnd(straight, args);

        Path killed = dataDir("killed");
        Random random = new Random(20260301);
        int killedWhileTrading = 0;
        for (int k = 0; k < KILLS; k++) {
            Files.deleteIfExists(killed.resolve("engine.port"));
            try (EngineProcess e = EngineProcess.start(killed, args)) {
                Thread.sleep(150 + random.nextInt(1_200));
                if (!e.output().contains("market source finished")) {
                    killedWhileTrading++;
                }
                e.process().destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed or closed
                e.process().waitFor();
                assertThat(e.process().exitValue()).isEqualTo(137);
            }
            System.out.println("kill " + (k + 1) + ": the journal holds " + orderCount(killed) + " orders");
        }
        assertThat(killedWhileTrading).as("kills that hit the engine before the replay's end").isPositive();
        Files.deleteIfExists(killed.resolve("engine.port"));
        runToEnd(killed, args);

        Map<String, String> expected = fingerprint(straight);
        System.out.println("uninterrupted run: " + orderCount(straight) + " orders; killed run: " + orderCount(killed));
        Map<String, String> actual = fingerprint(killed);
        assertThat(expected.values()).allSatisfy(v -> assertThat(v).contains(" FILLED "));
        assertThat(BotRunnerTest.firstDifferences(actual, expected)).isEmpty();
    }

    private static long orderCount(Path data) {
        try (Database db = Database.openFile(data.resolve("db")); OrderJournal journal = OrderJournal.open(db)) {
            return journal.readAll().stream().filter(e -> e.kind() == JournalEvent.Kind.INTENT).count();
        }
    }

    private Path dataDir(String name) throws Exception {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        BotPlanFile.write(d.resolve(BotPlanFile.FILE_NAME), RuntimeHarness.fastPlan());
        return d;
    }

    private static void runToEnd(Path data, String[] args) throws Exception {
        try (EngineProcess e = EngineProcess.start(data, args)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> e.output().contains("market source finished") || !e.process().isAlive());
            assertThat(e.process().isAlive()).as(e.output()).isTrue();
            e.stop();
        }
    }

    /** Per bot: every order (without the journal's tag), fills, cash and positions, from the journal alone. */
    private static Map<String, String> fingerprint(Path data) {
        Map<String, String> out = new TreeMap<>();
        try (Database db = Database.openFile(data.resolve("db")); OrderJournal journal = OrderJournal.open(db)) {
            List<JournalEvent> events = journal.readAll();
            List<String> ids = new ArrayList<>();
            events.stream().filter(e -> e.kind() == JournalEvent.Kind.INTENT).forEach(e -> ids.add(e.clientOrderId()));
            assertThat(ids).as("no client order id twice").doesNotHaveDuplicates();
            for (var entry : BotBook.replayAll(events).entrySet()) {
                BotBook b = entry.getValue();
                String orders = b.orders().stream().map(RuntimeKillIT::line).collect(Collectors.joining("\n"));
                out.put(entry.getKey(), orders + "\ncash " + b.balance("USD").stripTrailingZeros().toPlainString() + " BTC "
                        + b.position("BTC/USD").quantity().stripTrailingZeros().toPlainString() + " ETH "
                        + b.position("ETH/USD").quantity().stripTrailingZeros().toPlainString() + " fills " + b.state().fillCount());
            }
        }
        return out;
    }

    private static String line(Order o) {
        String id = o.clientOrderId().substring(o.clientOrderId().indexOf('-') + 1);
        return id + " " + o.side() + " " + o.quantity().toPlainString() + " " + o.state() + " " + o.filledQuantity().toPlainString() + "@"
                + (o.averagePrice() == null ? "-" : o.averagePrice().stripTrailingZeros().toPlainString()) + " " + o.reason();
    }
}
