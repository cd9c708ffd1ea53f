package io.tradingbots.engine.backtest;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;

/** The human-readable backtest report: the strategy next to buy-and-hold, losses said plainly. */
final class Report {

    private Report() {}

    static void print(PrintWriter out, BacktestResult r, BacktestRequest req, String source, int tradesShown) {
        out.printf(Locale.ROOT, "%s %s on %s: %,d bars, %s .. %s (open times)%n", r.strategy(), r.params(), source, r.bars(),
                Instant.ofEpochMilli(r.firstOpenTime()), Instant.ofEpochMilli(r.lastOpenTime()));
        out.printf(Locale.ROOT, "fee %s per fill, slippage %s bps, capital %s; decided at the close, filled at the next open (%s path)%n",
                pct(req.feeRate()), plain(req.slippageBps()), money(req.capital()), r.engine());
        Metrics s = r.metrics();
        Metrics h = r.buyAndHold();
        out.printf(Locale.ROOT, "%n%-20s %16s %16s%n", "", "strategy", "buy-and-hold");
        row(out, "final equity", money(s.finalEquity()), money(h.finalEquity()));
        row(out, "total return", signedPct(s.totalReturn()), signedPct(h.totalReturn()));
        row(out, "annualized return", signedPct(s.annualizedReturn()), signedPct(h.annualizedReturn()));
        row(out, "max drawdown", pct(s.maxDrawdown()), pct(h.maxDrawdown()));
        row(out, "sharpe", ratio(s.sharpe()), ratio(h.sharpe()));
        row(out, "sortino", ratio(s.sortino()), ratio(h.sortino()));
        row(out, "win rate", pct(s.winRate()), "-");
        row(out, "profit factor", ratio(s.profitFactor()), "-");
        row(out, "exposure", pct(s.exposure()), pct(h.exposure()));
        row(out, "trades", r.trades().size() + (r.openPosition() != null ? " + 1 open" : ""), "1 (held)");
        row(out, "fees paid", money(s.feesPaid()), money(h.feesPaid()));
        out.println();
        if (s.totalReturn() < 0) {
            out.printf(Locale.ROOT, "LOSS: the strategy lost %s of its capital (%s of %s)%n", pct(-s.totalReturn()),
                    money(req.capital() - s.finalEquity()), money(req.capital()));
        }
        if (s.totalReturn() < h.totalReturn()) {
            out.printf(Locale.ROOT, "WORSE THAN HOLDING: buy-and-hold ended %s higher (%s vs %s)%n",
                    money(h.finalEquity() - s.finalEquity()), signedPct(h.totalReturn()), signedPct(s.totalReturn()));
        } else {
            out.printf(Locale.ROOT, "beat buy-and-hold by %s (%s vs %s)%n", money(s.finalEquity() - h.finalEquity()),
                    signedPct(s.totalReturn()), signedPct(h.totalReturn()));
        }
        int shown = Math.min(tradesShown, r.trades().size());
        if (shown > 0) {
            out.printf(Locale.ROOT, "%ntrades (%d of %,d):%n", shown, r.trades().size());
            for (int i = 0; i < shown; i++) {
                Trade t = r.trades().get(i);
                out.printf(Locale.ROOT, "  %s buy %s @ %s -> %s sell @ %s  profit %s%n", Instant.ofEpochMilli(t.entryTime()),
                        plain(t.quantity()), plain(t.entryPrice()), Instant.ofEpochMilli(t.exitTime()), plain(t.exitPrice()),
                        signedMoney(t.profit()));
            }
        }
        OpenPosition p = r.openPosition();
        if (p != null) {
            out.printf(Locale.ROOT, "open at the end: bought %s @ %s at %s, marked @ %s (no exit fee): %s%n",
                    plain(p.quantity()), plain(p.entryPrice()), Instant.ofEpochMilli(p.entryTime()), plain(p.markPrice()),
                    signedMoney(p.unrealizedProfit()));
        }
    }

    private static void row(PrintWriter out, String name, String a, String b) {
        out.printf(Locale.ROOT, "%-20s %16s %16s%n", name, a, b);
    }

    static String money(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.2f", v) : "-";
    }

    static String signedMoney(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+,.2f", v) : "-";
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", v * 100) : "-";
    }

    static String signedPct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f%%", v * 100) : "-";
    }

    static String ratio(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "inf (no loss)";
        }
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
