package io.tradingbots.engine.bench;

import io.tradingbots.engine.broker.Broker;
import io.tradingbots.engine.broker.LatestPrices;
import io.tradingbots.engine.broker.VenueOrder;
import io.tradingbots.engine.order.Order;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.tradingbots.engine.broker.OrderRouter;
import io.tradingbots.engine.broker.PaperBroker;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.order.OrderRequest;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.order.SymbolFilters;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tb bench journal}: paper market orders through {@link OrderRouter} into a fresh file
 * journal (the engine's database settings: every commit on disk), then the time to rebuild every
 * bot's state from that journal, as a restart does.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Order journal: paper orders + fills committed per second, and rebuild time.")
public final class JournalBench implements Callable<Integer> {

    @Option(names = "--orders", defaultValue = "5000", description = "Measured orders (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--warm-up", defaultValue = "1000", description = "Orders before measuring (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--bots", defaultValue = "5", description = "Bots the orders rotate over (default: ${DEFAULT-VALUE}).")
    int bots;

    @Spec
    CommandSpec spec;

    private static final SymbolFilters BTC = new SymbolFilters("BTC/USD", new BigDecimal("0.01"), new BigDecimal("0.01"),
            new BigDecimal("1000000"), new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("9000"), BigDecimal.TEN);

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("tb-journal-bench");
        try {
            run(dir, out);
        } finally {
            HistoryStoreBench.deleteTree(dir);
        }
        return 0;
    }

    private void run(Path dir, PrintWriter out) {
        run(dir.resolve("paper"), out, false);
        run(dir.resolve("three-commit"), out, true);
    }

    /** The paper venue dressed as a live one, so the router takes the live path (three commits per order). */
    private static Broker asIfLive(PaperBroker paper) {
        return new Broker() {
            public String venue() { return "paper-as-live"; }
            public boolean isLive() { return true; }
            public SymbolFilters filters(String symbol) { return paper.filters(symbol); }
            public BigDecimal takerFee() { return paper.takerFee(); }
            public VenueOrder place(Order order) { return paper.place(order); }
            public Optional<VenueOrder> find(String symbol, String id) { return paper.find(symbol, id); }
            public VenueOrder cancel(String symbol, String id) { return paper.cancel(symbol, id); }
            public List<VenueOrder> openOrders(String symbol) { return paper.openOrders(symbol); }
            public Map<String, BigDecimal> balances() { return paper.balances(); }
            public long acceptanceWindowMs() { return 0; }
        };
    }

    private void run(Path dir, PrintWriter out, boolean threeCommits) {
        long[] latency = new long[orders];
        long fills;
        long events;
        double seconds;
        try (Database db = Database.openFile(dir); OrderJournal journal = OrderJournal.open(db)) {
            LatestPrices prices = new LatestPrices();
            PaperBroker paper = new PaperBroker(prices, s -> BTC, PaperBroker.Settings.defaults());
            OrderRouter router = new OrderRouter(journal, threeCommits ? asIfLive(paper) : paper, prices, Clock.systemUTC());
            for (int b = 0; b < bots; b++) {
                router.fund("bot" + b, "USD", new BigDecimal("1000000"), "bench capital");
            }
            long price = 4_000_000; // 40,000.00 in cents
            long start = 0;
            long eventsBefore = 0;
            long fillsBefore = 0;
            for (int i = 0; i < warmUp + orders; i++) {
                if (i == warmUp) {
                    eventsBefore = journal.readAll().size();
                    fillsBefore = totalFills(router);
                    start = System.nanoTime();
                }
                price += ((i * 7919L) % 2001) - 1000;
                PriceTick tick = new PriceTick("BTC/USD", 1_700_000_000_000L + i * 1_000L, BigDecimal.valueOf(price, 2));
                prices.update(tick);
                router.onPrice(tick);
                String bot = "bot" + (i % bots);
                Side side = (i / bots) % 2 == 0 ? Side.BUY : Side.SELL;
                long t0 = System.nanoTime();
                var o = router.submit(OrderRequest.market(bot, "BTC/USD", side, new BigDecimal("0.01"), "bench"));
                if (i >= warmUp) {
                    latency[i - warmUp] = System.nanoTime() - t0;
                }
                if (o.state() != OrderState.FILLED) {
                    throw new IllegalStateException("bench order " + o.clientOrderId() + " ended " + o.state() + ": " + o.reason());
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            events = journal.readAll().size() - eventsBefore;
            fills = totalFills(router) - fillsBefore;
        }
        Arrays.sort(latency);
        int commits = threeCommits ? 3 : 1;
        out.printf("%s: %,d MARKET orders measured after %,d warm-up, %d bots, %d commit(s) per order%n",
                threeCommits ? "live path (intent | submission | ack + fill)" : "paper path (intent + submission + ack + fill)",
                orders, warmUp, bots, commits);
        out.printf("orders/s: %,.0f   fills/s: %,.0f   events/s: %,.0f   commits/s: %,.0f%n", orders / seconds, fills / seconds,
                events / seconds, commits * orders / seconds);
        out.printf("submit latency: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", latency[orders / 2] / 1e6,
                latency[(int) (orders * 0.99)] / 1e6, latency[orders - 1] / 1e6);

        try (Database db = Database.openFile(dir); OrderJournal journal = OrderJournal.open(db)) {
            long t0 = System.nanoTime();
            int n = journal.readAll().size();
            long t1 = System.nanoTime();
            OrderRouter router = new OrderRouter(journal, new PaperBroker(p -> java.util.Optional.empty(), s -> BTC,
                    PaperBroker.Settings.defaults()), p -> java.util.Optional.empty(), Clock.systemUTC());
            long t2 = System.nanoTime();
            BigDecimal cash = BigDecimal.ZERO;
            for (BotState s : router.states().values()) {
                cash = cash.add(s.balance("USD"));
            }
            out.printf("rebuild after reopening: %,d events read in %.0f ms, every bot's state rebuilt (read + fold) in %.0f ms"
                    + " (%,.0f events/s); total cash %s USD%n", n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, n / ((t2 - t1) / 1e9),
                    cash.stripTrailingZeros().toPlainString());
        }
        out.flush();
    }

    private static long totalFills(OrderRouter router) {
        return router.states().values().stream().mapToLong(BotState::fillCount).sum();
    }
}
