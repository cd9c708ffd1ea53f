package io.tradingbots.engine.order;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.datadir.DataDirectory;
import io.tradingbots.engine.db.Database;
import io.tradingbots.shared.ApiToken;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tb orders}: each bot's state as the order journal gives it (balances, positions, fees,
 * realised P&L, open orders, halt), and optionally its last journal events. Read-only; it takes
 * the engine lock, so it refuses while an engine runs on the directory.
 */
@Command(name = "orders", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show each bot's state derived from the order journal (read-only).")
public final class OrdersCommand implements Callable<Integer> {

    @Option(names = "--bot", paramLabel = "ID", description = "Only this bot.")
    String bot;

    @Option(names = "--events", paramLabel = "N", defaultValue = "0", description = "Also print each bot's last N journal events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.tradingbots).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (events < 0) {
            throw new IllegalArgumentException("--events must be 0 or more, got " + events);
        }
        Path root = dataDir == null ? ApiToken.defaultDataDir() : dataDir;
        DataDirectory dir;
        try {
            dir = DataDirectory.open(root);
        } catch (EngineException e) {
            if (e.getMessage().contains("in use by another engine")) {
                throw new EngineException("an engine is running on " + root.toAbsolutePath().normalize() + ": stop it first");
            }
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (dir; Database db = Database.openFile(dir.databaseDir()); OrderJournal journal = OrderJournal.open(db)) {
            List<JournalEvent> all = journal.readAll();
            Map<String, BotBook> books = BotBook.replayAll(all);
            if (bot != null && !books.containsKey(bot)) {
                throw new EngineException("bot " + bot + " has nothing in the order journal (bots there: "
                        + (books.isEmpty() ? "none" : String.join(", ", books.keySet())) + ")");
            }
            out.printf(Locale.ROOT, "order journal %s: %,d events, %d bot(s)%n", journal.tag(), all.size(), books.size());
            for (BotBook b : books.values()) {
                if (bot == null || bot.equals(b.botId())) {
                    print(out, b.state(), b, all);
                }
            }
        }
        return 0;
    }

    private void print(PrintWriter out, BotState s, BotBook b, List<JournalEvent> all) {
        out.printf(Locale.ROOT, "%nbot %s%s%n", s.botId(), s.haltReason() == null ? "" : "  HALTED: " + s.haltReason());
        out.printf(Locale.ROOT, "  balances: %s%n", amounts(s.balances()));
        new java.util.TreeMap<>(s.positions()).values().forEach(p -> out.printf(Locale.ROOT, "  position %s: %s at average cost %s, realised P&L %s%n",
                p.symbol(), plain(p.quantity()), p.averageCost() == null ? "-" : plain(p.averageCost()), plain(p.realisedPnl())));
        out.printf(Locale.ROOT, "  realised P&L %s; fees paid %s; orders %,d; fills %,d%n", plain(s.realisedPnl()),
                amounts(s.feesPaid()), s.orderCount(), s.fillCount());
        for (Order o : s.openOrders()) {
            out.printf(Locale.ROOT, "  open %s %s %s %s %s%s filled %s (%s)%n", o.clientOrderId(), o.state(), o.side(), plain(o.quantity()),
                    o.symbol(), o.limitPrice() == null ? "" : " @ " + plain(o.limitPrice()), plain(o.filledQuantity()), o.reason());
        }
        if (events > 0) {
            List<JournalEvent> mine = all.stream().filter(e -> e.botId().equals(s.botId())).toList();
            for (JournalEvent e : mine.subList(Math.max(0, mine.size() - events), mine.size())) {
                out.printf(Locale.ROOT, "  #%d %s %s%s%s%n", e.seq(), e.kind(), e.clientOrderId() == null ? "" : e.clientOrderId(),
                        e.quantity() == null ? "" : " qty " + plain(e.quantity()) + (e.price() == null ? "" : " @ " + plain(e.price())),
                        e.reason() == null || e.reason().isEmpty() ? "" : " - " + e.reason());
            }
        }
    }

    private static String amounts(Map<String, BigDecimal> m) {
        if (m.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(m).forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(plain(v)).append(' ').append(k));
        return b.toString();
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
