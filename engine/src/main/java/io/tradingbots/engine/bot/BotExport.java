package io.tradingbots.engine.bot;

import io.tradingbots.engine.order.BotBook;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderJournal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A bot's trades, orders and equity curve as CSV lines (header first), all derived from the order
 * journal except the curve. An arbitrage bot's trades and orders include its second venue's book
 * (the last column, {@code book}, names the book; position and cash after a trade are that book's). Fields with commas or quotes are quoted as RFC 4180 says.
 */
public final class BotExport {

    public enum Kind { TRADES, ORDERS, EQUITY }

    private BotExport() {}

    /** Writes the lines (each without its newline) to {@code line}. */
    public static void write(Kind kind, String botId, BotSpec spec, OrderJournal journal, EquityCurve curve, Consumer<String> line) {
        switch (kind) {
            case TRADES -> trades(botId, spec, journal, line);
            case ORDERS -> orders(botId, spec, journal, line);
            case EQUITY -> {
                line.accept("time,price,cash,position,equity");
                curve.read(botId, p -> line.accept(join(Instant.ofEpochMilli(p.time()).toString(), p.price(), p.cash(), p.position(),
                        p.equity())));
            }
        }
    }

    /** The bot's books: its own, and for arbitrage its second venue's ({@code <bot>~2}), which holds nothing for a one-leg bot. */
    private static java.util.List<String> books(String botId, BotSpec spec) {
        return "arbitrage".equals(spec.strategy()) ? java.util.List.of(botId, ArbitrageLegs.book(botId)) : java.util.List.of(botId);
    }

    /** The events of the bot's books, in the order they were written. */
    private static java.util.List<JournalEvent> events(String botId, BotSpec spec, OrderJournal journal) {
        java.util.List<JournalEvent> all = new java.util.ArrayList<>();
        for (String book : books(botId, spec)) {
            all.addAll(journal.read(book));
        }
        all.sort(java.util.Comparator.comparingLong(JournalEvent::seq));
        return all;
    }

    private static void trades(String botId, BotSpec spec, OrderJournal journal, Consumer<String> line) {
        line.accept("time,client_order_id,trade_id,side,symbol,quantity,price,fee,fee_asset,position_after,cash_after,realised_pnl_after,book");
        java.util.Map<String, BotBook> books = new java.util.HashMap<>();
        for (JournalEvent e : events(botId, spec, journal)) {
            BotBook book = books.computeIfAbsent(e.botId(), BotBook::new);
            book.apply(e);
            if (e.kind() == JournalEvent.Kind.FILL) {
                Order o = book.order(e.clientOrderId());
                line.accept(join(Instant.ofEpochMilli(e.eventTime()).toString(), e.clientOrderId(), e.tradeId(), o.side(), o.symbol(),
                        e.quantity(), e.price(), e.fee(), e.asset(), book.position(o.symbol()).quantity(),
                        book.balance(spec.quoteAsset()), book.state().realisedPnl(), e.botId()));
            }
        }
    }

    private static void orders(String botId, BotSpec spec, OrderJournal journal, Consumer<String> line) {
        line.accept("created,client_order_id,exchange_order_id,symbol,side,type,quantity,limit_price,state,filled_quantity,average_price,reason,book");
        java.util.List<JournalEvent> events = events(botId, spec, journal);
        for (String id : books(botId, spec)) {
            BotBook book = BotBook.replay(id, events);
            for (Order o : book.orders()) {
                line.accept(join(Instant.ofEpochMilli(o.createdAt()).toString(), o.clientOrderId(), o.exchangeOrderId(), o.symbol(), o.side(),
                        o.type(), o.quantity(), o.limitPrice(), o.state(), o.filledQuantity(), o.averagePrice(), o.reason(), id));
            }
        }
    }

    static String join(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (Object f : fields) {
            if (b.length() > 0) {
                b.append(',');
            }
            String s = f == null ? "" : f instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : f.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            b.append(s);
        }
        return b.toString();
    }
}
