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
 * journal except the curve. Fields with commas or quotes are quoted as RFC 4180 says.
 */
public final class BotExport {

    public enum Kind { TRADES, ORDERS, EQUITY }

    private BotExport() {}

    /** Writes the lines (each without its newline) to {@code line}. */
    public static void write(Kind kind, String botId, BotSpec spec, OrderJournal journal, EquityCurve curve, Consumer<String> line) {
        switch (kind) {
            case TRADES -> trades(botId, spec, journal, line);
            case ORDERS -> orders(botId, journal, line);
            case EQUITY -> {
                line.accept("time,price,cash,position,equity");
                curve.read(botId, p -> line.accept(join(Instant.ofEpochMilli(p.time()).toString(), p.price(), p.cash(), p.position(),
                        p.equity())));
            }
        }
    }

    private static void trades(String botId, BotSpec spec, OrderJournal journal, Consumer<String> line) {
        line.accept("time,client_order_id,trade_id,side,symbol,quantity,price,fee,fee_asset,position_after,cash_after,realised_pnl_after");
        BotBook book = new BotBook(botId);
        for (JournalEvent e : journal.read(botId)) {
            book.apply(e);
            if (e.kind() == JournalEvent.Kind.FILL) {
                Order o = book.order(e.clientOrderId());
                line.accept(join(Instant.ofEpochMilli(e.eventTime()).toString(), e.clientOrderId(), e.tradeId(), o.side(), o.symbol(),
                        e.quantity(), e.price(), e.fee(), e.asset(), book.position(o.symbol()).quantity(),
                        book.balance(spec.quoteAsset()), book.state().realisedPnl()));
            }
        }
    }

    private static void orders(String botId, OrderJournal journal, Consumer<String> line) {
        line.accept("created,client_order_id,exchange_order_id,symbol,side,type,quantity,limit_price,state,filled_quantity,average_price,reason");
        BotBook book = BotBook.replay(botId, journal.read(botId));
        for (Order o : book.orders()) {
            line.accept(join(Instant.ofEpochMilli(o.createdAt()).toString(), o.clientOrderId(), o.exchangeOrderId(), o.symbol(), o.side(),
                    o.type(), o.quantity(), o.limitPrice(), o.state(), o.filledQuantity(), o.averagePrice(), o.reason()));
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
