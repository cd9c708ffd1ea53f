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
    // the replay runs at 30,000x: 1m candles 2 ms apart, the whole run in about 6 s
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
        String[] args = {"--market", "replay", "--replay", "BTC/USD=" + btc, "--replay", "ETH/USD=" + eth, "--speed", "30000"};

        Path straight = dataDir("straight");
        runToEnd(straight, args);

        Path killed = dataDir("killed");
        long total = orderCount(straight);
        // kill points: after a random number of orders, increasing, spread over the run (and random within the moment)
        Random random = new Random(20260301);
        long[] targets = random.longs(KILLS, 5, total - 5).sorted().toArray();
        int killedWhileTrading = 0;
        for (int k = 0; k < KILLS; k++) {
            Files.deleteIfExists(killed.resolve("engine.port"));
            try (EngineProcess e = EngineProcess.start(killed, args)) {
                long target = targets[k];
                io.grpc.ManagedChannel ch = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", e.port())
                        .usePlaintext().build();
                try {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                            .until(() -> ordersNow(ch, e) >= target || !e.process().isAlive());
                } finally {
                    e.process().destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed or closed
                    ch.shutdownNow();
                }
                e.process().waitFor();
                assertThat(e.process().exitValue()).isEqualTo(137);
            }
            long held = orderCount(killed);
            if (held < total) {
                killedWhileTrading++;
            }
            System.out.println("kill " + (k + 1) + " (aimed after " + targets[k] + " orders): the journal holds " + orderCount(killed) + " orders");
        }
        assertThat(killedWhileTrading).as("kills that hit the engine before its last order").isGreaterThanOrEqualTo(3);
        Files.deleteIfExists(killed.resolve("engine.port"));
        runToEnd(killed, args);

        Map<String, String> expected = fingerprint(straight);
        System.out.println("uninterrupted run: " + orderCount(straight) + " orders; killed run: " + orderCount(killed));
        Map<String, String> actual = fingerprint(killed);
        assertThat(expected.values()).allSatisfy(v -> assertThat(v).contains(" FILLED "));
        assertThat(BotRunnerTest.firstDifferences(actual, expected)).isEmpty();
    }

    /** Orders the running engine's bots have made so far, over BotService. */
    private static long ordersNow(io.grpc.ManagedChannel ch, EngineProcess e) {
        try {
            var stub = io.tradingbots.api.v1.BotServiceGrpc.newBlockingStub(ch).withDeadlineAfter(5, java.util.concurrent.TimeUnit.SECONDS)
                    .withCallCredentials(new io.tradingbots.shared.BearerAuth(io.tradingbots.shared.ApiToken.read(e.dataDir().resolve("api-token"))));
            return stub.listBots(io.tradingbots.api.v1.ListBotsRequest.getDefaultInstance()).getBotsList().stream()
                    .mapToLong(io.tradingbots.api.v1.Bot::getOrderCount).sum();
        } catch (io.grpc.StatusRuntimeException | java.io.IOException ex) {
            return -1; // starting or stopping: ask again
        }
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
