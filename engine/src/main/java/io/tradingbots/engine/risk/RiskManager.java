package io.tradingbots.engine.risk;

import io.tradingbots.engine.risk.Decision.Limit;
import io.tradingbots.engine.risk.OrderRequest.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portfolio's risk manager. Every order passes through {@link #check} before the broker; it
 * approves, shrinks or refuses it, naming the limit. The runtime feeds it the latest prices
 * ({@link #updateMark}) and each bot's cash and positions ({@link #updateAccount}); both return the
 * orders that flatten everything when the daily loss limit is reached at that moment (usually none).
 *
 * <p>Rules: orders that bring a position toward zero always pass, even while halted. The day's
 * P&L is equity now (cash + positions at the latest marks, so realised and unrealised together)
 * minus equity at the start of the UTC day (from the injected clock; stored, so a restart keeps
 * it). Within {@code entryBufferPercent} of the limit, entries stop; at the limit, every position
 * is flattened and all bots halt until the next UTC day or a manual resume. Halts and limits are
 * stored; raising a limit while halted is refused.
 *
 * <p>Thread-safe: one lock; each call does a few dozen decimal operations.
 */
public final class RiskManager {

    private static final Logger log = LoggerFactory.getLogger(RiskManager.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext MC = MathContext.DECIMAL64;
    private static final int QTY_SCALE = 8;
    private static final String SYSTEM = "risk manager";
    private static final BigDecimal PEAK_SAVE_STEP = new BigDecimal("1.001");

    private final RiskStore store;
    private final Clock clock;
    private final Map<String, BigDecimal> marks = new HashMap<>();
    private final Map<String, BotAccount> accounts = new LinkedHashMap<>();
    private final Map<String, BigDecimal> botPeak = new HashMap<>();
    /** The peaks as last saved: a peak is saved again when it rises 0.1% above it (or moves with capital). */
    private final Map<String, BigDecimal> savedPeak = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> entryTimes = new HashMap<>();
    private BigDecimal unallocated = BigDecimal.ZERO;
    private RiskLimits limits;
    private HaltState halt;
    private LocalDate day;
    private long nextDayMillis = Long.MIN_VALUE;
    private BigDecimal dayStart;
    private boolean limitReached;

    /** Limits and halt come from the store when it has them, else {@code defaults} and not halted. */
    public RiskManager(RiskLimits defaults, RiskStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.limits = store.loadLimits().orElse(defaults);
        this.halt = store.loadHalt().orElse(null);
        botPeak.putAll(store.loadBotPeaks());
        savedPeak.putAll(botPeak);
        if (halt != null) {
            log.warn("trading starts HALTED ({} since {} by {}): {}", halt.kind(), halt.since(), halt.by(), halt.reason());
        }
    }

    // ---- feeding ---------------------------------------------------------------------------

    /** The latest price of a symbol. Returns flatten orders when the daily loss limit is reached now. */
    public synchronized List<OrderRequest> updateMark(String symbol, BigDecimal price) {
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("mark for " + symbol + " must be positive, got " + price);
        }
        marks.put(symbol, price);
        return evaluate();
    }

    /** A bot's cash and positions after a fill. Returns flatten orders as {@link #updateMark}. */
    public synchronized List<OrderRequest> updateAccount(BotAccount account) {
        accounts.put(account.botId(), account);
        return evaluate();
    }

    /**
     * Every bot's account at once, then one evaluation: how the runtime starts (after the first
     * marks), so that the day's starting equity counts all bots, not the first one alone.
     */
    public synchronized List<OrderRequest> updateAccounts(List<BotAccount> all) {
        all.forEach(a -> accounts.put(a.botId(), a));
        return evaluate();
    }

    /** Portfolio cash no bot holds: part of equity, never exposed. Set it before the accounts. */
    public synchronized void setUnallocatedCash(BigDecimal cash) {
        unallocated = cash;
    }

    /**
     * Money added to (positive) or taken from (negative) the portfolio today that is not profit
     * or loss, e.g. a deposit: moves the day's starting equity by as much, so it is not counted as P&L.
     */
    public synchronized void adjustCapital(BigDecimal delta, String reason) {
        rollDay(clock.millis());
        if (dayStart != null) {
            dayStart = dayStart.add(delta);
            store.saveDay(new RiskStore.Day(day, dayStart, limitReached));
        }
        log.info("capital {} {}: {}", delta.signum() >= 0 ? "added" : "withdrawn", delta.abs().toPlainString(), reason);
    }

    /**
     * A bot's capital changed by {@code delta} (its share was raised or lowered): its highest
     * equity moves by as much, so money taken back is not read as a drawdown, nor money added as a
     * new high.
     */
    public synchronized void moveBotCapital(String botId, BigDecimal delta) {
        BigDecimal peak = botPeak.get(botId);
        if (peak == null || delta.signum() == 0) {
            return;
        }
        BigDecimal moved = peak.add(delta).max(BigDecimal.ZERO);
        botPeak.put(botId, moved);
        store.saveBotPeak(botId, moved, clock.millis());
        savedPeak.put(botId, moved);
    }

    // ---- the check -------------------------------------------------------------------------

    /** Approves, shrinks or refuses one order. An approved or shrunk entry counts toward the orders-per-minute limit. */
    public synchronized Decision check(OrderRequest o) {
        long now = clock.millis();
        rollDay(now);
        BigDecimal position = position(o.botId(), o.symbol());
        BigDecimal exitQty = BigDecimal.ZERO;
        if (position.signum() != 0 && position.signum() != o.sign()) {
            exitQty = o.quantity().min(position.abs());
        }
        BigDecimal entryQty = o.quantity().subtract(exitQty);
        if (entryQty.signum() == 0) {
            return Decision.approve(o.quantity(), "approved: it reduces the position (exits always pass)");
        }
        String blocked = entriesBlocked();
        if (blocked != null) {
            return exitOnly(exitQty, halt != null ? Limit.HALTED : Limit.DAILY_LOSS_BUFFER, blocked);
        }
        BigDecimal price = o.price() != null ? o.price() : marks.get(o.symbol());
        if (price == null) {
            return exitOnly(exitQty, Limit.NO_PRICE, "no price for " + o.symbol() + " yet, so the risk of the order is unknown");
        }
        BigDecimal equity = equity();
        if (equity == null || equity.signum() <= 0) {
            return exitOnly(exitQty, Limit.NO_PRICE, equity == null ? "a held symbol has no price yet, so equity is unknown"
                    : "portfolio equity is " + plain(equity));
        }
        BigDecimal botDd = drawdownPercent(o.botId());
        if (botDd != null && botDd.compareTo(limits.botDrawdownPercent()) >= 0) {
            return exitOnly(exitQty, Limit.BOT_DRAWDOWN, "bot " + o.botId() + " is " + pct(botDd) + " below its highest equity (limit "
                    + plain(limits.botDrawdownPercent()) + "%): it opens nothing new");
        }
        ArrayDeque<Long> times = entryTimes.computeIfAbsent(o.botId(), k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - 60_000) {
            times.pollFirst();
        }
        if (times.size() >= limits.maxOrdersPerMinute()) {
            return exitOnly(exitQty, Limit.ORDER_RATE, "bot " + o.botId() + " already sent " + times.size()
                    + " entries in the last minute (limit " + limits.maxOrdersPerMinute() + " a minute)");
        }

        // How much of the entry fits each limit: the smallest wins.
        int scale = Math.max(QTY_SCALE, o.quantity().scale());
        BigDecimal allowed = entryQty;
        Limit binding = null;
        String why = null;
        BigDecimal bySize = limits.maxOrderNotional().subtract(exitQty.multiply(price)).max(BigDecimal.ZERO)
                .divide(price, scale, RoundingMode.DOWN);
        if (bySize.compareTo(allowed) < 0) {
            allowed = bySize;
            binding = Limit.ORDER_SIZE;
            why = "one order is worth at most " + plain(limits.maxOrderNotional());
        }
        String coin = coinOf(o.symbol());
        BigDecimal coinRoom = room(limits.coinExposurePercent(), equity, coinExposure(coin).subtract(exitQty.multiply(price)))
                .divide(price, scale, RoundingMode.DOWN);
        if (coinRoom.compareTo(allowed) < 0) {
            allowed = coinRoom;
            binding = Limit.COIN_EXPOSURE;
            why = coin + " exposure may be at most " + plain(limits.coinExposurePercent()) + "% of equity ("
                    + usd(limits.coinExposurePercent().multiply(equity).divide(HUNDRED, MC)) + ")";
        }
        BigDecimal totalRoom = room(limits.totalExposurePercent(), equity, totalExposure().subtract(exitQty.multiply(price)))
                .divide(price, scale, RoundingMode.DOWN);
        if (totalRoom.compareTo(allowed) < 0) {
            allowed = totalRoom;
            binding = Limit.TOTAL_EXPOSURE;
            why = "total exposure may be at most " + plain(limits.totalExposurePercent()) + "% of equity ("
                    + usd(limits.totalExposurePercent().multiply(equity).divide(HUNDRED, MC)) + ")";
        }
        BigDecimal notional = allowed.multiply(price);
        if (notional.compareTo(limits.minOrderNotional()) < 0 || allowed.signum() <= 0) {
            String reason = binding == null
                    ? "the entry is worth " + usd(notional) + ", below the minimum order of " + plain(limits.minOrderNotional())
                    : why + ": that leaves room for " + usd(notional) + ", below the minimum order of "
                    + plain(limits.minOrderNotional());
            return exitOnly(exitQty, binding == null ? Limit.MIN_NOTIONAL : binding, reason);
        }
        times.addLast(now);
        if (binding == null) {
            return Decision.approve(o.quantity(), "approved");
        }
        BigDecimal q = exitQty.add(allowed);
        return Decision.shrink(q, binding, "shrunk from " + plain(o.quantity()) + " to " + plain(q) + " " + o.symbol() + ": " + why);
    }

    private static Decision exitOnly(BigDecimal exitQty, Limit limit, String why) {
        if (exitQty.signum() > 0) {
            return Decision.shrink(exitQty, limit, "shrunk to " + plain(exitQty) + ", the part that closes the position: " + why);
        }
        return Decision.refuse(limit, "refused (" + limit.words() + "): " + why);
    }

    private static BigDecimal room(BigDecimal percent, BigDecimal equity, BigDecimal exposureNow) {
        return percent.multiply(equity).divide(HUNDRED, MC).subtract(exposureNow).max(BigDecimal.ZERO);
    }

    /** Why entries are refused now, or null. Caller holds the lock and has rolled the day. */
    private String entriesBlocked() {
        if (halt != null) {
            return "trading is halted (" + (halt.kind() == HaltState.Kind.MANUAL ? "by " + halt.by() : "daily loss limit") + ": "
                    + halt.reason() + "); only orders that reduce a position pass";
        }
        BigDecimal lossPct = dailyLossPercent();
        if (lossPct != null && lossPct.compareTo(limits.entryStopPercent()) >= 0) {
            return "the portfolio is down " + pct(lossPct) + " today (entries stop at " + plain(limits.entryStopPercent())
                    + "%, the limit is " + plain(limits.dailyLossPercent()) + "%): no new entries until the next UTC day";
        }
        return null;
    }

    // ---- daily loss --------------------------------------------------------------------------

    private List<OrderRequest> evaluate() {
        long now = clock.millis();
        rollDay(now);
        BigDecimal equity = equity();
        if (equity == null) {
            return List.of();
        }
        for (String bot : accounts.keySet()) {
            BigDecimal e = botEquity(bot);
            if (e != null) {
                BigDecimal peak = botPeak.merge(bot, e, BigDecimal::max);
                BigDecimal saved = savedPeak.get(bot);
                if (saved == null || peak.compareTo(saved.multiply(PEAK_SAVE_STEP)) >= 0) {
                    store.saveBotPeak(bot, peak, now);
                    savedPeak.put(bot, peak);
                }
            }
        }
        if (dayStart == null) {
            dayStart = equity;
            store.saveDay(new RiskStore.Day(day, dayStart, limitReached));
        }
        if (limitReached || dayStart.signum() <= 0) {
            return List.of();
        }
        BigDecimal loss = dayStart.subtract(equity);
        if (loss.multiply(HUNDRED).compareTo(limits.dailyLossPercent().multiply(dayStart)) < 0) {
            return List.of();
        }
        limitReached = true;
        store.saveDay(new RiskStore.Day(day, dayStart, true));
        List<OrderRequest> flatten = flattenOrders();
        String reason = "daily loss limit reached: the portfolio lost " + usd(loss) + " (" + pct(dailyLossPercent())
                + " of the day's starting equity " + usd(dayStart) + ", limit " + plain(limits.dailyLossPercent())
                + "%): " + flatten.size() + " position(s) flattened, all bots halted until " + day.plusDays(1) + " 00:00 UTC or a manual resume";
        Instant at = Instant.ofEpochMilli(now);
        if (halt == null || halt.kind() != HaltState.Kind.MANUAL) {
            halt = new HaltState(HaltState.Kind.DAILY_LOSS, reason, SYSTEM, at, day);
        }
        store.saveHalt(halt, new RiskEvent(at, "LIMIT", SYSTEM, reason));
        log.warn("{}", reason);
        return flatten;
    }

    /** Orders that close every open position at the market (price null), for the runtime to send now. */
    public synchronized List<OrderRequest> flattenOrders() {
        List<OrderRequest> out = new ArrayList<>();
        for (BotAccount a : accounts.values()) {
            a.positions().forEach((symbol, q) -> {
                if (q.signum() != 0) {
                    out.add(new OrderRequest(a.botId(), symbol, q.signum() > 0 ? Side.SELL : Side.BUY, q.abs(), null,
                            "flatten: risk manager"));
                }
            });
        }
        return out;
    }

    private void rollDay(long now) {
        if (now < nextDayMillis && day != null) {
            return;
        }
        LocalDate d = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        if (d.equals(day)) {
            nextDayMillis = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            return;
        }
        day = d;
        nextDayMillis = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        RiskStore.Day saved = store.loadDay(d).orElse(null);
        if (saved != null) {
            dayStart = saved.startEquity();
            limitReached = saved.limitReached();
        } else {
            dayStart = equity();
            limitReached = false;
            if (dayStart != null) {
                store.saveDay(new RiskStore.Day(d, dayStart, false));
            }
        }
        if (halt != null && halt.kind() == HaltState.Kind.DAILY_LOSS && halt.day().isBefore(d)) {
            String reason = "new UTC day " + d + ": the daily loss halt of " + halt.day() + " ends";
            halt = null;
            store.saveHalt(null, new RiskEvent(Instant.ofEpochMilli(now), "RESUME", SYSTEM, reason));
            log.info("{}", reason);
        }
    }

    // ---- kill switch and limits -----------------------------------------------------------------

    /**
     * Halts all trading (entries refused; exits still pass) until {@link #resume}. With
     * {@code flatten}, returns the orders that close every position. The halt is stored.
     */
    public synchronized List<OrderRequest> halt(String reason, String by, boolean flatten) {
        requireText(reason, "a halt needs a reason");
        Instant at = clock.instant();
        rollDay(at.toEpochMilli());
        String who = by == null || by.isBlank() ? "unknown" : by.strip();
        halt = new HaltState(HaltState.Kind.MANUAL, reason.strip(), who, at, day);
        store.saveHalt(halt, new RiskEvent(at, "HALT", who, reason.strip() + (flatten ? " (flatten)" : "")));
        log.warn("trading halted by {}: {}", who, reason.strip());
        return flatten ? flattenOrders() : List.of();
    }

    /**
     * Ends a halt. After a daily-loss halt on the same day, the day's loss is measured afresh from
     * the equity at the resume (the operator takes responsibility for a new budget; the reason is stored).
     */
    public synchronized void resume(String reason, String by) {
        requireText(reason, "a resume needs a reason: say why trading may start again");
        if (halt == null) {
            throw new IllegalStateException("trading is not halted");
        }
        Instant at = clock.instant();
        rollDay(at.toEpochMilli());
        String who = by == null || by.isBlank() ? "unknown" : by.strip();
        String text = reason.strip();
        if (limitReached) {
            BigDecimal equity = equity();
            if (equity == null) {
                throw new IllegalStateException("cannot resume after the daily loss limit while equity is unknown (a held symbol has"
                        + " no price yet): the day's loss could not be measured again; wait for prices");
            }
            dayStart = equity;
            limitReached = false;
            store.saveDay(new RiskStore.Day(day, dayStart, false));
            text += " (the day's loss is measured again from " + usd(equity) + ")";
        }
        halt = null;
        store.saveHalt(null, new RiskEvent(at, "RESUME", who, text));
        log.warn("trading resumed by {}: {}", who, text);
    }

    /**
     * Replaces the limits (validated by {@link RiskLimits}); refused while halted if any limit is
     * loosened. Returns the audited changes (empty when nothing changed).
     */
    public synchronized List<LimitChange> setLimits(RiskLimits proposed, String by) {
        List<String> loosened = limits.loosenedBy(proposed);
        if (halt != null && !loosened.isEmpty()) {
            throw new IllegalStateException("trading is halted, so limits may only be tightened; resume first to raise "
                    + String.join(", ", loosened));
        }
        Instant at = clock.instant();
        String who = by == null || by.isBlank() ? "unknown" : by.strip();
        List<LimitChange> changes = new ArrayList<>();
        Map<String, String> before = limits.asMap();
        proposed.asMap().forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changes.add(new LimitChange(at, who, k, before.get(k), v));
            }
        });
        if (changes.isEmpty()) {
            return List.of();
        }
        store.saveLimits(proposed, changes);
        limits = proposed;
        log.info("risk limits changed by {}: {}", who, changes);
        return List.copyOf(changes);
    }

    public synchronized RiskLimits limits() {
        return limits;
    }

    public synchronized HaltState haltState() {
        return halt;
    }

    /** True while halted or while the loss buffer stops entries: the allocation agent must not move then. */
    public synchronized boolean restricting() {
        rollDay(clock.millis());
        return entriesBlocked() != null;
    }

    public List<LimitChange> limitChanges(int max) {
        return store.limitChanges(max);
    }

    public List<RiskEvent> events(int max) {
        return store.events(max);
    }

    private static void requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }

    // ---- figures -----------------------------------------------------------------------------

    public synchronized RiskSnapshot snapshot() {
        long now = clock.millis();
        rollDay(now);
        BigDecimal equity = equity();
        BigDecimal pnl = equity != null && dayStart != null ? equity.subtract(dayStart) : null;
        BigDecimal lossPct = dailyLossPercent();
        BigDecimal used = lossPct == null ? null : lossPct.multiply(HUNDRED).divide(limits.dailyLossPercent(), 2, RoundingMode.HALF_EVEN);
        Map<String, BigDecimal> byCoin = new TreeMap<>();
        Map<String, BigDecimal> byBot = new TreeMap<>();
        Map<String, BigDecimal> dd = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (BotAccount a : accounts.values()) {
            BigDecimal botExposure = BigDecimal.ZERO;
            for (var p : a.positions().entrySet()) {
                BigDecimal m = marks.get(p.getKey());
                if (m != null) {
                    BigDecimal x = p.getValue().abs().multiply(m);
                    byCoin.merge(coinOf(p.getKey()), x, BigDecimal::add);
                    botExposure = botExposure.add(x);
                }
            }
            byBot.put(a.botId(), money(botExposure));
            total = total.add(botExposure);
            BigDecimal d = drawdownPercent(a.botId());
            dd.put(a.botId(), d == null ? BigDecimal.ZERO : d);
        }
        byCoin.replaceAll((k, v) -> money(v));
        String blocked = entriesBlocked();
        return new RiskSnapshot(Instant.ofEpochMilli(now), day, equity == null ? null : money(equity),
                dayStart == null ? null : money(dayStart), pnl == null ? null : money(pnl),
                lossPct == null ? null : lossPct.setScale(4, RoundingMode.HALF_EVEN), used, money(total),
                Collections.unmodifiableMap(byCoin), Collections.unmodifiableMap(byBot), Collections.unmodifiableMap(dd), halt,
                blocked == null ? "" : blocked, limits);
    }

    /** Loss today in percent of day-start equity (0 when up), or null when not known. */
    private BigDecimal dailyLossPercent() {
        BigDecimal equity = equity();
        if (equity == null || dayStart == null || dayStart.signum() <= 0) {
            return null;
        }
        BigDecimal loss = dayStart.subtract(equity);
        return loss.signum() <= 0 ? BigDecimal.ZERO : loss.multiply(HUNDRED).divide(dayStart, MC);
    }

    private BigDecimal drawdownPercent(String bot) {
        BigDecimal peak = botPeak.get(bot);
        BigDecimal now = botEquity(bot);
        if (peak == null || now == null || peak.signum() <= 0) {
            return null;
        }
        BigDecimal dd = peak.subtract(now);
        return dd.signum() <= 0 ? BigDecimal.ZERO : dd.multiply(HUNDRED).divide(peak, 4, RoundingMode.HALF_EVEN);
    }

    private BigDecimal position(String bot, String symbol) {
        BotAccount a = accounts.get(bot);
        return a == null ? BigDecimal.ZERO : a.position(symbol);
    }

    /** Unallocated cash plus every bot's equity; null before any bot or while a held symbol has no mark. */
    private BigDecimal equity() {
        if (accounts.isEmpty()) {
            return null;
        }
        BigDecimal sum = unallocated;
        for (String bot : accounts.keySet()) {
            BigDecimal e = botEquity(bot);
            if (e == null) {
                return null;
            }
            sum = sum.add(e);
        }
        return sum;
    }

    private BigDecimal botEquity(String bot) {
        BotAccount a = accounts.get(bot);
        BigDecimal sum = a.cash();
        for (var p : a.positions().entrySet()) {
            if (p.getValue().signum() == 0) {
                continue;
            }
            BigDecimal m = marks.get(p.getKey());
            if (m == null) {
                return null;
            }
            sum = sum.add(p.getValue().multiply(m));
        }
        return sum;
    }

    private BigDecimal coinExposure(String coin) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BotAccount a : accounts.values()) {
            for (var p : a.positions().entrySet()) {
                if (coinOf(p.getKey()).equals(coin)) {
                    BigDecimal m = marks.get(p.getKey());
                    if (m != null) {
                        sum = sum.add(p.getValue().abs().multiply(m));
                    }
                }
            }
        }
        return sum;
    }

    private BigDecimal totalExposure() {
        BigDecimal sum = BigDecimal.ZERO;
        for (BotAccount a : accounts.values()) {
            for (var p : a.positions().entrySet()) {
                BigDecimal m = marks.get(p.getKey());
                if (m != null) {
                    sum = sum.add(p.getValue().abs().multiply(m));
                }
            }
        }
        return sum;
    }

    /** "BTC/USD" → "BTC". */
    static String coinOf(String symbol) {
        int slash = symbol.indexOf('/');
        return slash < 0 ? symbol : symbol.substring(0, slash);
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static String usd(BigDecimal v) {
        return money(v).toPlainString();
    }

    private static String pct(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%";
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
