package io.tradingbots.engine.bot;

import io.tradingbots.engine.broker.Broker;
import io.tradingbots.engine.broker.LatestPrices;
import io.tradingbots.engine.broker.OrderRouter;
import io.tradingbots.engine.broker.PaperBroker;
import io.tradingbots.engine.broker.PriceSource;
import io.tradingbots.engine.broker.RecoveryReport;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.ClientOrderIds;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.order.OrderRequest;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.order.SymbolFilters;
import io.tradingbots.engine.risk.Decision;
import io.tradingbots.engine.risk.RiskManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paper arbitrage on two venues. The bot's own book ({@code <bot>}) trades on the first venue
 * (Binance.US's paper broker); its leg book ({@code <bot>~2}) trades on a paper broker of its own
 * that fills at the second venue's prices (Kraken's or the synthetic venue's candle closes), through
 * a second {@link OrderRouter} on the same journal.
 *
 * <p><b>Inventory (spot, no shorting).</b> On the bot's first tradable bar half of its free cash
 * moves to the leg book (two FUNDS events) and the leg book buys base coin with 90% of it
 * ({@value #INVENTORY}); the rest stays as cash for buying back. Entry (first venue cheaper by more
 * than the gap): BUY q on the first venue, SELL q of the inventory on the second. Exit (gap closed):
 * SELL q on the first venue, BUY q back on the second. q is bounded by the first venue's cash and
 * the inventory, so the coin held across both venues stays what the inventory bought: the pair's
 * P&L is the change of the gap minus four fees, and the inventory is market exposure.
 *
 * <p><b>One transaction per pair.</b> Both legs (and an unwind, or a halt) are committed together
 * ({@link OrderJournal#inOneTransaction}): after a crash the pair exists whole or not at all, like
 * a single paper order. A pair leads with its BUY (entry: on the first venue; exit: the buy-back on
 * the second); when the SELL on the other venue then does not fill, what was bought is sold again
 * at once (the unwind); if that fails too the bot is halted with the reason, journaled.
 *
 * <p><b>Risk.</b> The pair is checked as one decision: the first venue's leg goes through {@link
 * RiskManager#check} as every bot's order does (the entry BUY is an entry, the exit SELL an exit),
 * against the bot's account with both venues' coin; the second leg mirrors it and is not checked
 * again. Not thread-safe: the runtime calls it under its lock.
 */
public final class ArbitrageLegs {

    private static final Logger log = LoggerFactory.getLogger(ArbitrageLegs.class);
    static final String INVENTORY = "arbitrage: second-venue inventory";
    /** The part of the leg book's cash not spent on inventory: the buy-backs' margin when the price rises. */
    static final BigDecimal RESERVE = new BigDecimal("0.10");
    private static final int QTY_SCALE = 8;

    /** What the runtime lends: the first venue's router and prices, the risk manager, the all-in sizing, and where orders are reported. */
    record Desk(OrderRouter first, PriceSource firstPrices, RiskManager risk, BigDecimal sizing, Consumer<Order> report) {}

    private final LatestPrices prices = new LatestPrices();
    private final Broker broker;
    private final OrderRouter router;
    private final RecoveryReport recovery;
    private Desk desk;

    /** @param venue the second venue's broker, given the second venue's prices (a paper broker) */
    public ArbitrageLegs(OrderJournal journal, Clock clock, Function<PriceSource, Broker> venue) {
        this.broker = venue.apply(prices);
        if (broker.isLive()) {
            throw new IllegalArgumentException("the arbitrage bot's second leg trades on paper only");
        }
        this.router = new OrderRouter(journal, broker, prices, clock, ClientOrderIds::isLegBook);
        this.recovery = router.recover();
    }

    /** The second leg on a paper broker with {@code settings} and the paper symbols' filters. */
    public static ArbitrageLegs paper(OrderJournal journal, Clock clock, PaperBroker.Settings settings) {
        return new ArbitrageLegs(journal, clock, p -> new PaperBroker(p, SymbolRules::paper, settings));
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    void attach(Desk d) {
        this.desk = d;
    }

    BigDecimal takerFee() {
        return broker.takerFee();
    }

    private static final java.util.Map<String, String> BOOKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The leg book of {@code botId} (asked on every bar: made once). */
    static String book(String botId) {
        return BOOKS.computeIfAbsent(botId, id -> ClientOrderIds.legBook(id, 2));
    }

    /** The router of the leg books (tests, exports). */
    public OrderRouter router() {
        return router;
    }

    /** The second venue's candle closed: its close is that venue's price (at the first venue's last tick of the bar). */
    void onSecondCandle(Candle other) {
        PriceTick t = new PriceTick(other.symbol(), other.closeTime() - 1, other.close());
        prices.update(t);
        router.onPrice(t);
    }

    Optional<BigDecimal> price(String symbol) {
        return prices.last(symbol).map(PriceTick::price);
    }

    BotState state(String botId) {
        return router.state(book(botId));
    }

    /** The leg book's base coin. */
    BigDecimal coin(BotSpec s) {
        return router.position(book(s.id()), s.symbol());
    }

    BigDecimal cash(BotSpec s) {
        return router.available(book(s.id()), s.quoteAsset());
    }

    /** The leg book's coin and cash valued at the second venue's last price (the first venue's when it has none yet). */
    BigDecimal equity(BotSpec s, BigDecimal firstVenuePrice) {
        BigDecimal q = coin(s);
        BigDecimal p = price(s.symbol()).orElse(firstVenuePrice);
        return router.balance(book(s.id()), s.quoteAsset()).add(q.signum() == 0 || p == null ? BigDecimal.ZERO : q.multiply(p));
    }

    private SymbolFilters filters(String symbol) {
        return broker.filters(symbol);
    }

    /** Whether the leg book holds its inventory (at least a lot). */
    boolean hasInventory(BotSpec s) {
        BigDecimal q = coin(s);
        return q.signum() > 0 && q.compareTo(filters(s.symbol()).minQty()) >= 0;
    }

    /**
     * Buys the leg book's inventory (funding the leg book first, the first time: half the first
     * venue's free cash). Returns what happened, for the bot's status, or null when nothing was due.
     */
    String buyInventory(BotSpec s) {
        BigDecimal p2 = price(s.symbol()).orElse(null);
        if (p2 == null) {
            return "no " + s.symbol() + " price on the second venue yet: no inventory";
        }
        String leg = book(s.id());
        boolean funded = !router.state(leg).balances().isEmpty();
        BigDecimal move = funded ? BigDecimal.ZERO
                : desk.first().available(s.id(), s.quoteAsset()).divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
        BigDecimal cash = cash(s).add(move);
        BigDecimal q = filters(s.symbol()).roundQuantity(cash.multiply(BigDecimal.ONE.subtract(RESERVE)).multiply(desk.sizing())
                .divide(p2, QTY_SCALE, RoundingMode.DOWN));
        if (q.signum() <= 0) {
            return INVENTORY + " skipped: " + plain(cash) + " " + s.quoteAsset() + " buys nothing";
        }
        Decision d = check(s, Side.BUY, q, p2, INVENTORY);
        if (d != null && !d.allowed()) {
            return INVENTORY + " (BUY " + plain(q) + ") refused by the risk manager (" + d.limit().words() + "): " + d.reason();
        }
        BigDecimal qty = d == null ? q : filters(s.symbol()).roundQuantity(d.quantity());
        if (qty.signum() <= 0) {
            return null;
        }
        String[] out = new String[1];
        transaction(() -> {
            if (move.signum() > 0) {
                String why = "arbitrage: " + plain(move) + " " + s.quoteAsset() + " of the first venue's cash moved to the second venue (" + leg + ")";
                desk.first().fund(s.id(), s.quoteAsset(), move.negate(), why);
                router.fund(leg, s.quoteAsset(), move, why);
            }
            Order o = router.submit(OrderRequest.market(leg, s.symbol(), Side.BUY, qty, INVENTORY + " at " + plain(p2)));
            desk.report().accept(o);
            out[0] = INVENTORY + ": BUY " + plain(qty) + " " + o.state()
                    + (o.filledQuantity().signum() > 0 ? " at " + plain(o.averagePrice()) : " (" + o.reason() + ")");
        });
        return out[0];
    }

    /** Entry: BUY on the first venue, SELL as much of the inventory on the second. */
    String enter(BotSpec s, String reason) {
        BigDecimal p1 = desk.firstPrices().last(s.symbol()).map(PriceTick::price).orElse(null);
        if (p1 == null || price(s.symbol()).isEmpty()) {
            return "no price on " + (p1 == null ? "the first" : "the second") + " venue to size the pair";
        }
        BigDecimal cash = desk.first().available(s.id(), s.quoteAsset());
        BigDecimal lendable = router.available(book(s.id()), s.baseAsset());
        BigDecimal q = filters(s.symbol()).roundQuantity(cash.multiply(desk.sizing()).divide(p1, QTY_SCALE, RoundingMode.DOWN).min(lendable));
        if (q.signum() <= 0) {
            return "skipped: " + plain(cash) + " " + s.quoteAsset() + " and " + plain(lendable) + " " + s.baseAsset() + " of inventory pair nothing";
        }
        Decision d = check(s, Side.BUY, q, p1, reason);
        if (d != null && !d.allowed()) {
            return "BUY " + plain(q) + " refused by the risk manager (" + d.limit().words() + "): " + d.reason();
        }
        BigDecimal qty = d == null ? q : filters(s.symbol()).roundQuantity(d.quantity());
        return qty.signum() <= 0 ? null : pair(s, true, qty, reason);
    }

    /** Exit: SELL the first venue's position, BUY as much back on the second. Waits while the leg book cannot pay the buy-back. */
    String exit(BotSpec s, String reason) {
        BigDecimal q = desk.first().position(s.id(), s.symbol());
        if (q.signum() <= 0) {
            return null;
        }
        BigDecimal p2 = price(s.symbol()).orElse(null);
        BigDecimal need = p2 == null ? null : q.multiply(p2).divide(desk.sizing(), 8, RoundingMode.UP);
        if (need == null || cash(s).compareTo(need) < 0) {
            return "exit waits: the second venue's book has " + plain(cash(s)) + " " + s.quoteAsset() + ", buying "
                    + plain(q) + " back needs " + (need == null ? "a price" : plain(need));
        }
        Decision d = check(s, Side.SELL, q, null, reason);
        if (d != null && !d.allowed()) {
            return "SELL " + plain(q) + " refused by the risk manager (" + d.limit().words() + "): " + d.reason();
        }
        return pair(s, false, d == null ? q : d.quantity(), reason);
    }

    /**
     * The two legs in one transaction. Each pair leads with the leg that buys (entry: the first
     * venue's BUY; exit: the second venue's buy-back), then sells what it bought on the other venue;
     * when that sale does not fill (wholly), what was bought is sold again at once on the venue it
     * was bought on (the unwind: selling coin the book holds), and a failed unwind halts the bot.
     */
    private String pair(BotSpec s, boolean entry, BigDecimal qty, String reason) {
        String leg = book(s.id());
        Venue first = new Venue(desk.first(), s.id(), "the first venue");
        Venue second = new Venue(router, leg, "the second venue");
        Venue buyOn = entry ? first : second;
        Venue sellOn = entry ? second : first;
        String[] out = new String[1];
        transaction(() -> {
            Order a = buyOn.router.submit(OrderRequest.market(buyOn.book, s.symbol(), Side.BUY, qty, entry ? reason
                    : "arbitrage: second leg, buy back " + plain(qty) + " for the exit on the first venue (" + reason + ")"));
            desk.report().accept(a);
            BigDecimal bought = a.filledQuantity();
            if (bought.signum() <= 0) {
                out[0] = "BUY on " + buyOn.name + " refused: " + a.reason();
                return;
            }
            Order b = sellOn.router.submit(OrderRequest.market(sellOn.book, s.symbol(), Side.SELL, bought, entry
                    ? "arbitrage: second leg of " + ref(a) + " (BUY " + plain(bought) + " on the first venue)" : reason));
            desk.report().accept(b);
            BigDecimal open = bought.subtract(b.filledQuantity());
            out[0] = (entry ? "entered: BUY " : "exited: SELL ") + plain(entry ? bought : b.filledQuantity()) + " at "
                    + plain(entry ? a.averagePrice() : b.averagePrice()) + " on the first venue, " + (entry ? "SELL " : "BUY ")
                    + plain(entry ? b.filledQuantity() : bought) + (entry ? (b.filledQuantity().signum() > 0 ? " at " + plain(b.averagePrice()) : "")
                    : " at " + plain(a.averagePrice())) + " on the second";
            if (open.signum() <= 0) {
                return;
            }
            String why = "the SELL " + ref(b) + " on " + sellOn.name + " was " + b.state()
                    + (b.reason() == null || b.reason().isEmpty() ? "" : " (" + b.reason() + ")");
            Order u = buyOn.router.submit(OrderRequest.market(buyOn.book, s.symbol(), Side.SELL, open,
                    "arbitrage: unwind " + plain(open) + " of " + ref(a) + ": " + why));
            desk.report().accept(u);
            out[0] = "pair unwound (" + plain(u.filledQuantity()) + " sold again on " + buyOn.name + "): " + why;
            if (u.filledQuantity().compareTo(open) < 0) {
                String alert = "arbitrage: " + plain(open.subtract(u.filledQuantity())) + " " + s.baseAsset() + " unhedged on " + buyOn.name
                        + " after " + ref(a) + ": " + why + "; the unwind " + ref(u) + " was " + u.state()
                        + (u.reason() == null || u.reason().isEmpty() ? "" : " (" + u.reason() + ")") + ": settle it by hand, then StartBot";
                desk.first().halt(s.id(), alert);
                out[0] = alert;
            }
        });
        return out[0];
    }

    private record Venue(OrderRouter router, String book, String name) {}

    /**
     * An order named in another's reason: its book and number ("arbitrage #3", "arbitrage~2 #4"),
     * which with the journal's tag make its client order id; the reason itself stays the same in
     * any journal, as a strategy's reasons do.
     */
    private static String ref(Order o) {
        return o.botId() + " #" + o.orderNo();
    }

    /** Sells the coin on both venues (the risk manager's flatten, a stop with flatten), in one transaction. */
    void flatten(BotSpec s, String reason) {
        BigDecimal first = desk.first().position(s.id(), s.symbol());
        BigDecimal second = router.available(book(s.id()), s.baseAsset());
        if (first.signum() <= 0 && second.signum() <= 0) {
            return;
        }
        transaction(() -> {
            if (first.signum() > 0) {
                desk.report().accept(desk.first().submit(OrderRequest.market(s.id(), s.symbol(), Side.SELL, first, reason)));
            }
            BigDecimal q = filters(s.symbol()).roundQuantity(second);
            if (q.signum() > 0) {
                desk.report().accept(router.submit(OrderRequest.market(book(s.id()), s.symbol(), Side.SELL, q, reason + " (second venue)")));
            }
        });
    }

    private Decision check(BotSpec s, Side side, BigDecimal q, BigDecimal price, String reason) {
        RiskManager risk = desk.risk();
        if (risk == null) {
            return null;
        }
        return risk.check(new io.tradingbots.engine.risk.OrderRequest(s.id(), s.symbol(), side == Side.BUY
                ? io.tradingbots.engine.risk.OrderRequest.Side.BUY : io.tradingbots.engine.risk.OrderRequest.Side.SELL, q, price, reason));
    }

    /** Runs {@code work} as one journal transaction; when it fails, both routers re-read the journal (nothing of it was written). */
    private void transaction(Runnable work) {
        try {
            router.journal().inOneTransaction(work);
        } catch (RuntimeException e) {
            log.warn("arbitrage pair not written ({}): both venues' books are read again from the journal", e.getMessage());
            desk.first().reload();
            router.reload();
            throw e;
        }
    }

    private static String plain(BigDecimal d) {
        return BotRunner.plain(d);
    }
}
