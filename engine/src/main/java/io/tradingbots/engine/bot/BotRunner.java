package io.tradingbots.engine.bot;

import io.tradingbots.engine.broker.Broker;
import io.tradingbots.engine.broker.LatestPrices;
import io.tradingbots.engine.broker.OrderRouter;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.CandleAggregator;
import io.tradingbots.engine.market.MarketListener;
import io.tradingbots.engine.market.MarketSource;
import io.tradingbots.engine.market.PriceBoard;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.order.BotState;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderJournal;
import io.tradingbots.engine.order.OrderRequest;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.portfolio.PortfolioTracker;
import io.tradingbots.engine.risk.BotAccount;
import io.tradingbots.engine.risk.Decision;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.state.StateHub;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-bot runtime. On the market source's thread it aggregates base candles to each bot's
 * timeframe, lets each bot's strategy decide at the close, and sends what it decides through the
 * risk manager ({@link RiskManager#check}) and the {@link OrderRouter}, which journals every step
 * before acting. A bot's cash and position are never kept here: they are read from the router's
 * journal-derived books.
 *
 * <p><b>Recovery.</b> At start each bot's money comes from the journal (funded once from the
 * plan; a changed share is funded by the difference). A replay started again over the same
 * candles re-reads, without trading, every candle up to the last decision the journal holds
 * ({@code catchUpUntil}): the strategies see the same bars and take the same fills into their
 * trading records, so they continue exactly where they stopped and no order is sent twice.
 *
 * <p>An exception in one bot halts that bot alone (journaled, so it stays halted after a
 * restart until StartBot). Control calls (start, stop, pause, allocation) take the same lock as
 * market events, so they happen between two events.
 */
public final class BotRunner implements MarketListener {

    private static final Logger log = LoggerFactory.getLogger(BotRunner.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int QTY_SCALE = 8;
    private static final long VIEW_EVERY_MS = 200;

    private final MarketSource market;
    private final OrderRouter router;
    private final OrderJournal journal;
    private final Broker broker;
    private final RiskManager risk;
    private final StateHub hub;
    private final BotEvents events;
    private final EquityCurve curve;
    private final LatestPrices prices;
    private final MarketClock clock;
    private final Path planFile;
    private final BigDecimal sizing;
    private final Map<String, Bot> bots = new LinkedHashMap<>();
    private final Map<String, String> idle = new HashMap<>();
    private final Map<String, CandleAggregator> aggregators = new LinkedHashMap<>();
    private final PriceBoard board = new PriceBoard();
    private final PortfolioTracker portfolio;
    private final Queue<io.tradingbots.engine.risk.OrderRequest> flattenQueue = new ConcurrentLinkedQueue<>();
    private final Map<String, LocalDate> day = new HashMap<>();
    private final Map<String, BigDecimal> dayStart = new HashMap<>();
    private BotPlan plan;
    /** Replay: the market time of the journal's last order (any bot); the risk manager is fed from there on. */
    private long catchUpUntil;
    /** Replay: each bot's last order's market time; the bot trades again on candles that close after it. */
    private final Map<String, Long> lastDecision = new HashMap<>();
    private boolean riskFed;
    /** Replay catch-up: the journal's events, applied to shadow books as market time passes, for the risk manager. */
    private Shadow shadow;

    private static final class Shadow {
        final List<JournalEvent> events;
        final Map<String, io.tradingbots.engine.order.BotBook> books = new HashMap<>();
        int next;
        boolean started;

        Shadow(List<JournalEvent> events) {
            this.events = events;
        }
    }
    private long marketTime;
    private long candlesSeen;
    private long portfolioPublished;

    /**
     * @param clock      the market clock the router (and risk manager) use in replay mode; null when they use the wall clock
     * @param planFile   where plan changes are saved (null: not saved)
     * @param slippageBps the paper broker's slippage, so that an all-in entry still fits the cash
     */
    public BotRunner(MarketSource market, BotPlan plan, Path planFile, OrderRouter router, OrderJournal journal, Broker broker,
                     LatestPrices prices, MarketClock clock, RiskManager risk, StateHub hub, BotEvents events, EquityCurve curve,
                     BigDecimal slippageBps) {
        this.market = market;
        this.plan = plan;
        this.planFile = planFile;
        this.router = router;
        this.journal = journal;
        this.broker = broker;
        this.prices = prices;
        this.clock = clock;
        this.risk = risk;
        this.hub = hub;
        this.events = events;
        this.curve = curve;
        // all-in entries keep 0.1% for fee rounding and the tick: cash / (price x (1 + fee) x (1 + slippage)) x 0.999
        BigDecimal perUnit = BigDecimal.ONE.add(broker.takerFee()).multiply(BigDecimal.ONE.add(slippageBps.divide(BigDecimal.valueOf(10_000))));
        this.sizing = new BigDecimal("0.999").divide(perUnit, 12, RoundingMode.DOWN);
        this.portfolio = new PortfolioTracker(plan.capital(), plan.capital());
        Timeframe base = market.baseTimeframe();
        for (BotSpec s : plan.bots()) {
            if (!market.symbols().contains(s.symbol())) {
                idle.put(s.id(), "the market source (" + market.description() + ") has no " + s.symbol());
                log.warn("bot {} will not run: {}", s.id(), idle.get(s.id()));
            } else if (s.timeframe().millis() < base.millis() || s.timeframe().millis() % base.millis() != 0) {
                throw new IllegalArgumentException("bot " + s.id() + " needs " + s.timeframe() + " candles, which cannot be built from the"
                        + " market source's " + base + " candles");
            }
            bots.put(s.id(), new Bot(s, broker.takerFee().doubleValue()));
            aggregators.computeIfAbsent(key(s.symbol(), s.timeframe()), k -> new CandleAggregator(s.symbol(), base, s.timeframe()));
        }
    }

    private static String key(String symbol, Timeframe tf) {
        return symbol + "|" + tf.label();
    }

    // ---- start ---------------------------------------------------------------------------------

    private volatile io.tradingbots.engine.agent.RegimeBoard regimes;
    private volatile SecondVenue secondVenue = SyntheticVenue.INSTANCE;

    /** Before {@link #start}: where arbitrage bots read the second venue's candles (default: the synthetic one). */
    public void useSecondVenue(SecondVenue venue) {
        this.secondVenue = venue;
    }

    private ArbitrageLegs legs;

    /**
     * Before {@link #start}, paper mode: arbitrage bots trade both legs, the second on {@code l}'s
     * paper venue at the second venue's prices ({@link ArbitrageLegs}). Their strategy is given the
     * two venues' taker fees together as its fee, so its entry gap (2 × fee + threshold) covers the
     * four fees of a round trip.
     */
    public synchronized void useSecondLegs(ArbitrageLegs l) {
        if (broker.isLive()) {
            throw new IllegalStateException("the arbitrage bot trades its second leg in paper mode only");
        }
        legs = l;
        double fee = broker.takerFee().add(l.takerFee()).doubleValue();
        for (Bot b : List.copyOf(bots.values())) {
            if (twoLegs(b.spec())) {
                bots.put(b.id(), new Bot(b.spec(), fee));
            }
        }
        l.attach(new ArbitrageLegs.Desk(router, prices, risk, sizing, this::legOrder));
    }

    private boolean twoLegs(BotSpec s) {
        return legs != null && "arbitrage".equals(s.strategy());
    }

    /** An order of a two-leg pair (either venue): events for its bot, and the risk manager's account after a fill. */
    private void legOrder(Order o) {
        Bot b = bots.get(io.tradingbots.engine.order.ClientOrderIds.ownerOf(o.botId()));
        orderEvents(b, o);
        if (o.filledQuantity().signum() > 0 && risk != null && (riskFed || shadow != null)) {
            flatten(risk.updateAccount(account(b.id())));
        }
    }

    /** Before {@link #start}: every symbol's regime is read on each closed candle (history included). */
    public void useRegimeBoard(io.tradingbots.engine.agent.RegimeBoard board) {
        this.regimes = board;
    }

    private void readRegime(Candle candle) {
        readRegime(candle, false);
    }

    private void readRegime(Candle candle, boolean live) {
        io.tradingbots.engine.agent.RegimeBoard r = regimes;
        if (r == null) {
            return;
        }
        List<io.tradingbots.engine.agent.RegimeReading> readings;
        try {
            readings = r.onCandle(candle);
        } catch (RuntimeException e) {
            log.error("regime analysis of {} failed; it is skipped for this candle", candle.symbol(), e);
            return;
        }
        // the agent acts on live readings only: not on history, not while a replay re-reads what the journal already holds
        if (live && agent != null && marketTime > catchUpUntil) {
            for (io.tradingbots.engine.agent.RegimeReading reading : readings) {
                try {
                    agent.onReading(reading);
                } catch (RuntimeException e) {
                    log.error("the allocation agent failed on {}; allocations are left as they are", reading.symbol(), e);
                }
            }
        }
    }

    private AllocationAgent agent;

    /**
     * Before {@link #start}, with a regime board: lets the allocation agent move capital between
     * the bots on each regime reading, within {@code settings}' caps and never while the risk
     * manager is restricting. Each move goes the way of {@link #setAllocation} (validated, the
     * difference journaled as FUNDS, saved to the plan file) and is a STATUS event with its reason.
     */
    public synchronized void useAgent(io.tradingbots.engine.agent.AgentSettings settings) {
        agent = AllocationAgent.of(settings, idle.keySet(), () -> risk != null && risk.restricting(), new AllocationAgent.Bots() {
            @Override
            public BotPlan plan() {
                return plan;
            }

            @Override
            public BigDecimal freeCash(BotSpec bot) {
                return router.available(bot.id(), bot.quoteAsset());
            }

            @Override
            public void allocate(String botId, BigDecimal percent, String why) {
                BotRunner.this.allocate(bots.get(botId), percent, why);
            }
        });
    }

    /** Funds the bots from the plan, finds where the journal stops, warms up, publishes, and starts the market. */
    public synchronized void start() {
        fundFromPlan();
        if (clock != null) {
            for (JournalEvent e : journal.readAll()) {
                if (e.kind() == JournalEvent.Kind.INTENT) {
                    catchUpUntil = Math.max(catchUpUntil, e.eventTime());
                    lastDecision.merge(io.tradingbots.engine.order.ClientOrderIds.ownerOf(e.botId()), e.eventTime(), Math::max);
                }
            }
            if (catchUpUntil > 0 && risk != null) {
                shadow = new Shadow(journal.readAll());
            }
            if (catchUpUntil > 0) {
                log.info("replay resumes: candles up to {} are re-read without trading (the journal's last decision)",
                        Instant.ofEpochMilli(catchUpUntil));
            }
        }
        for (String symbol : market.symbols()) {
            List<Candle> history = market.history(symbol);
            history.forEach(this::readRegime);
            if (!history.isEmpty()) {
                Candle last = history.get(history.size() - 1);
                PriceTick t = new PriceTick(symbol, last.closeTime() - 1, last.close());
                prices.update(t);
                hub.updatePrice(board.update(t));
                marketTime = Math.max(marketTime, last.closeTime());
            }
        }
        for (Bot b : bots.values()) {
            if (idle.containsKey(b.id())) {
                continue;
            }
            CandleAggregator warm = new CandleAggregator(b.spec().symbol(), market.baseTimeframe(), b.spec().timeframe());
            for (Candle base : market.history(b.spec().symbol())) {
                warm.add(base).forEach(c -> {
                    b.add(c, secondVenue);
                    secondPrice(b);
                });
            }
            if (clock == null) {
                b.syncRecord(no -> router.orderByNumber(b.id(), no), Long.MAX_VALUE);
            }
            hub.updateBot(view(b));
        }
        publishPortfolio();
        market.start(this);
        log.info("{} bot(s) on {}: {}", bots.size(), market.description(), plan.ids());
    }

    /** Each bot gets its share of the capital once (a FUNDS event); a changed share is funded by the difference. */
    private void fundFromPlan() {
        Map<String, BigDecimal> funded = new HashMap<>();
        for (JournalEvent e : journal.readAll()) {
            // a two-leg bot's capital is the sum over its two books (moving cash to the second venue changes nothing)
            String owner = legs != null ? io.tradingbots.engine.order.ClientOrderIds.ownerOf(e.botId()) : e.botId();
            if (e.kind() == JournalEvent.Kind.FUNDS && bots.containsKey(owner) && e.asset().equals(bots.get(owner).spec().quoteAsset())) {
                funded.merge(owner, e.amount(), BigDecimal::add);
            }
        }
        if (broker.isLive()) {
            checkVenueCovers(funded);
        }
        for (Bot b : bots.values()) {
            BotSpec s = b.spec();
            BigDecimal target = plan.capitalOf(s);
            BigDecimal delta = target.subtract(funded.getOrDefault(s.id(), BigDecimal.ZERO));
            if (delta.signum() == 0) {
                continue;
            }
            if (delta.signum() < 0 && router.available(s.id(), s.quoteAsset()).compareTo(delta.negate()) < 0) {
                idle.put(s.id(), "its share was lowered to " + plain(target) + " " + s.quoteAsset() + " but it has only "
                        + plain(router.available(s.id(), s.quoteAsset())) + " in cash to give back: raise the share again or sell first");
                log.warn("bot {} will not run: {}", s.id(), idle.get(s.id()));
                continue;
            }
            router.fund(s.id(), s.quoteAsset(), delta, "plan: " + plain(s.sharePercent()) + "% of " + plain(plan.capital()));
            if (risk != null) {
                risk.moveBotCapital(s.id(), delta);
            }
        }
    }

    /** Live: the account must hold what the journal's bots hold plus what the plan is about to give them. */
    private void checkVenueCovers(Map<String, BigDecimal> funded) {
        Map<String, BigDecimal> need = new HashMap<>();
        router.states().values().forEach(st -> st.balances().forEach((asset, amount) -> need.merge(asset, amount, BigDecimal::add)));
        for (Bot b : bots.values()) {
            BotSpec s = b.spec();
            BigDecimal delta = plan.capitalOf(s).subtract(funded.getOrDefault(s.id(), BigDecimal.ZERO));
            if (delta.signum() > 0) {
                need.merge(s.quoteAsset(), delta, BigDecimal::add);
            }
        }
        Map<String, BigDecimal> have = broker.balances();
        for (var e : need.entrySet()) {
            BigDecimal h = have.getOrDefault(e.getKey(), BigDecimal.ZERO);
            if (e.getValue().signum() > 0 && h.compareTo(e.getValue()) < 0) {
                throw new io.tradingbots.engine.EngineException(broker.venue() + " holds " + plain(h) + " " + e.getKey() + " but the bots need "
                        + plain(e.getValue()) + " (their journal balances plus the plan's new funding): lower the capital in bots.json or deposit");
            }
        }
    }

    // ---- market events -------------------------------------------------------------------------

    @Override
    public synchronized void onPrice(PriceTick tick) {
        marketTime = Math.max(marketTime, tick.time());
        if (clock != null) {
            clock.advance(tick.time());
        }
        prices.update(tick);
        router.onPrice(tick);
        hub.updatePrice(board.update(tick));
        if (risk != null) {
            if (shadow != null && tick.time() <= catchUpUntil) {
                // re-living the journal: the risk manager sees the accounts it saw then, at the prices it saw then
                feedShadow(tick.time(), false);
                flatten(risk.updateMark(tick.symbol(), tick.price()));
                feedShadow(tick.time(), true);
                flattenQueue.clear(); // what the risk manager asked for then is in the journal already
            } else {
                if (!riskFed) {
                    riskFed = true;
                    shadow = null;
                    risk.setUnallocatedCash(plan.unallocated());
                    List<BotAccount> accounts = new ArrayList<>();
                    bots.keySet().forEach(id -> accounts.add(account(id)));
                    flatten(risk.updateAccounts(accounts));
                }
                flatten(risk.updateMark(tick.symbol(), tick.price()));
                for (io.tradingbots.engine.risk.OrderRequest o; (o = flattenQueue.poll()) != null; ) {
                    flattenNow(o);
                }
            }
        }
    }

    @Override
    public synchronized void onCandle(Candle candle) {
        candlesSeen++;
        readRegime(candle, true);
        for (var e : aggregators.entrySet()) {
            if (!e.getKey().startsWith(candle.symbol() + "|")) {
                continue;
            }
            for (Candle done : e.getValue().add(candle)) {
                for (Bot b : bots.values()) {
                    if (b.spec().symbol().equals(done.symbol()) && b.spec().timeframe() == done.timeframe() && !idle.containsKey(b.id())) {
                        guarded(b, () -> step(b, done));
                    }
                }
            }
        }
        long wall = System.currentTimeMillis();
        if (wall - portfolioPublished >= VIEW_EVERY_MS) {
            portfolioPublished = wall;
            publishPortfolio();
        }
    }

    @Override
    public void onFinished() {
        log.info("market source finished: {}", market.status());
        if (curve != null) {
            curve.flush();
        }
    }

    /** Base candles received so far. */
    public synchronized long candlesSeen() {
        return candlesSeen;
    }

    private void step(Bot b, Candle c) {
        if (!b.add(c, secondVenue)) {
            return;
        }
        secondPrice(b);
        BotSpec s = b.spec();
        // the order of a decision is stamped with the close's last price time (close time - 1)
        boolean live = c.closeTime() > lastDecision.getOrDefault(s.id(), Long.MIN_VALUE + 1) + 1;
        if (s.desired() == BotSpec.Desired.STOPPED || b.error != null || router.isHalted(s.id()) || !b.warm()) {
            if (live) {
                hub.updateBot(view(b));
            }
            return;
        }
        if (live) {
            alignRecord(b, c);
            if (twoLegs(s) && b.secondMissing == null && s.desired() == BotSpec.Desired.RUNNING && !holds(s) && !legs.hasInventory(s)) {
                legSignal(b, legs.buyInventory(s));
            }
        }
        Bot.Signal signal = b.decide();
        b.lastDecisionTime = c.closeTime();
        long before = clock == null ? Long.MAX_VALUE : c.closeTime();
        if (!live) {
            b.syncRecord(no -> router.orderByNumber(s.id(), no), before);
            return;
        }
        String at = signal == Bot.Signal.NONE ? "" : " at the close " + plain(c.close()) + " of the " + s.timeframe() + " candle ending "
                + Instant.ofEpochMilli(c.closeTime());
        switch (signal) {
            case ENTER -> {
                if (s.desired() == BotSpec.Desired.PAUSED) {
                    b.lastSignal = "BUY signal ignored (paused)" + at;
                    publish(b, BotEvent.Kind.SIGNAL, b.lastSignal);
                } else {
                    b.lastSignal = "BUY signal" + at;
                    publish(b, BotEvent.Kind.SIGNAL, b.lastSignal);
                    if (twoLegs(s)) {
                        legSignal(b, legs.enter(s, b.label() + ": enter" + at));
                    } else {
                        enter(b, b.label() + ": enter" + at);
                    }
                }
            }
            case EXIT -> {
                b.lastSignal = "SELL signal" + at;
                publish(b, BotEvent.Kind.SIGNAL, b.lastSignal);
                if (twoLegs(s)) {
                    legSignal(b, legs.exit(s, b.label() + ": exit" + at));
                } else {
                    exit(b, b.label() + ": exit" + at);
                }
            }
            default -> {
                // null: "HOLD at the close ..." is written when someone looks (a replay decides thousands of times a second);
                // without the second venue's candle, the reason there was no decision
                b.lastSignal = b.secondMissing;
                b.lastClose = c.close();
            }
        }
        b.syncRecord(no -> router.orderByNumber(s.id(), no), before);
        BigDecimal position = router.position(s.id(), s.symbol());
        boolean acted = signal != Bot.Signal.NONE;
        BigDecimal cash = router.available(s.id(), s.quoteAsset());
        BigDecimal equity = cash.add(position.multiply(c.close()));
        if (twoLegs(s)) {
            // both venues: cash and coin together, each venue's coin at its own close
            position = position.add(legs.coin(s));
            cash = cash.add(legs.cash(s));
            equity = equity.add(legs.equity(s, c.close()));
        }
        if (curve != null && (position.signum() != 0 || cash.compareTo(b.lastCurveCash) != 0 || b.lastCurvePosition.signum() != 0)) {
            // a point at every close where the bot holds something or its cash changed: a flat bot's curve is flat in between
            curve.add(new EquityCurve.Point(s.id(), c.closeTime(), c.close(), cash, position, equity));
            b.lastCurveCash = cash;
            b.lastCurvePosition = position;
        }
        publishView(b, acted);
    }

    /** The second venue's close of the bar the bot just added is the second leg's price. */
    private void secondPrice(Bot b) {
        if (twoLegs(b.spec()) && b.secondCandle != null) {
            legs.onSecondCandle(b.secondCandle);
        }
    }

    /** What a two-leg step did, on the bot's status and as an event (not again when it is the same, e.g. a refusal each bar). */
    private void legSignal(Bot b, String what) {
        if (what != null && !what.equals(b.lastSignal)) {
            b.lastSignal = what;
            publish(b, BotEvent.Kind.ORDER, what);
        }
    }

    /** A bot's view goes to the state hub when it acted, else at most every {@value #VIEW_EVERY_MS} ms (a replay is fast). */
    private void publishView(Bot b, boolean now) {
        long wall = System.currentTimeMillis();
        if (now || wall - b.lastPublished >= VIEW_EVERY_MS) {
            b.lastPublished = wall;
            hub.updateBot(view(b));
        }
    }

    /** The trading record follows the journal: a position the record does not show (or the reverse) is taken in at the close. */
    private void alignRecord(Bot b, Candle c) {
        b.syncRecord(no -> router.orderByNumber(b.id(), no), clock == null ? Long.MAX_VALUE : c.closeTime());
        boolean holding = holds(b.spec());
        if (holding != b.holdingInRecord()) {
            b.forceRecord(holding, c.close(), router.position(b.id(), b.spec().symbol()));
        }
    }

    /** Holding means: more than the symbol's minimum lot (dust left by rounding does not count). */
    private boolean holds(BotSpec s) {
        BigDecimal q = router.position(s.id(), s.symbol());
        BigDecimal min = broker.filters(s.symbol()).minQty();
        return q.signum() > 0 && q.compareTo(min) >= 0;
    }

    private void enter(Bot b, String reason) {
        BotSpec s = b.spec();
        BigDecimal price = prices.last(s.symbol()).map(PriceTick::price).orElse(null);
        if (price == null) {
            b.lastSignal += "; no price to size the order";
            return;
        }
        BigDecimal cash = router.available(s.id(), s.quoteAsset());
        BigDecimal qty = broker.filters(s.symbol()).roundQuantity(cash.multiply(sizing).divide(price, QTY_SCALE, RoundingMode.DOWN));
        if (qty.signum() <= 0) {
            b.lastSignal += "; skipped: " + plain(cash) + " " + s.quoteAsset() + " buys nothing";
            return;
        }
        if (risk != null) {
            Decision d = risk.check(new io.tradingbots.engine.risk.OrderRequest(s.id(), s.symbol(),
                    io.tradingbots.engine.risk.OrderRequest.Side.BUY, qty, price, reason));
            if (!d.allowed()) {
                refused(b, Side.BUY, qty, d);
                return;
            }
            qty = d.quantity();
        }
        send(b, OrderRequest.market(s.id(), s.symbol(), Side.BUY, qty, reason));
    }

    private void exit(Bot b, String reason) {
        BotSpec s = b.spec();
        BigDecimal qty = router.position(s.id(), s.symbol());
        if (qty.signum() <= 0) {
            return;
        }
        if (risk != null) {
            Decision d = risk.check(new io.tradingbots.engine.risk.OrderRequest(s.id(), s.symbol(),
                    io.tradingbots.engine.risk.OrderRequest.Side.SELL, qty, null, reason));
            if (!d.allowed()) {
                refused(b, Side.SELL, qty, d);
                return;
            }
            qty = d.quantity();
        }
        send(b, OrderRequest.market(s.id(), s.symbol(), Side.SELL, qty, reason));
    }

    /**
     * The risk manager refused the order before it became one: said on the bot's status and as an
     * event, not journaled (nothing was sent; a replay re-lives the same refusal, see the class comment).
     */
    private void refused(Bot b, Side side, BigDecimal qty, Decision d) {
        b.lastSignal = side + " " + plain(qty) + " refused by the risk manager (" + d.limit().words() + "): " + d.reason();
        publish(new BotEvent(marketTime, b.id(), BotEvent.Kind.ORDER, b.lastSignal, null, side.name(), qty, null));
    }

    private void send(Bot b, OrderRequest r) {
        Order o = router.submit(r);
        orderEvents(b, o);
        if (o.filledQuantity().signum() > 0 && risk != null && (riskFed || shadow != null)) {
            flatten(risk.updateAccount(account(b.id())));
        }
    }

    private void orderEvents(Bot b, Order o) {
        String text = o.side() + " " + plain(o.quantity()) + " " + o.symbol() + " " + o.type() + ": " + o.state()
                + (o.state() == OrderState.REJECTED || o.state() == OrderState.CANCELLED ? " (" + o.reason() + ")" : "");
        publish(new BotEvent(marketTime, b.id(), BotEvent.Kind.ORDER, text, o.clientOrderId(), o.side().name(), o.quantity(),
                o.limitPrice()));
        if (o.filledQuantity().signum() > 0) {
            publish(new BotEvent(marketTime, b.id(), BotEvent.Kind.FILL, o.side() + " " + plain(o.filledQuantity()) + " " + o.symbol()
                    + " at " + plain(o.averagePrice()), o.clientOrderId(), o.side().name(), o.filledQuantity(), o.averagePrice()));
            b.lastSignal = o.side() + " " + plain(o.filledQuantity()) + " at " + plain(o.averagePrice());
        } else if (o.state() == OrderState.REJECTED) {
            b.lastSignal = o.side() + " refused: " + o.reason();
        }
    }

    /** Thread-safe: the kill switch's flattening orders, sent at the next price. */
    public void flatten(List<io.tradingbots.engine.risk.OrderRequest> orders) {
        flattenQueue.addAll(orders);
    }

    private void flattenNow(io.tradingbots.engine.risk.OrderRequest o) {
        Bot b = bots.get(o.botId());
        if (b == null) {
            return;
        }
        guarded(b, () -> {
            if (twoLegs(b.spec())) {
                legs.flatten(b.spec(), "risk manager: " + o.reason());
                hub.updateBot(view(b));
                return;
            }
            BigDecimal qty = router.position(o.botId(), o.symbol());
            if (qty.signum() > 0) {
                send(b, OrderRequest.market(o.botId(), o.symbol(), Side.SELL, qty, "risk manager: " + o.reason()));
                hub.updateBot(view(b));
            }
        });
    }

    /** Runs a bot's step; an exception halts that bot alone, journaled, with the reason on its status. */
    private void guarded(Bot b, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.error("bot {} halted by an error: {}", b.id(), reason, e);
            b.error = reason;
            try {
                router.halt(b.id(), "error: " + reason);
            } catch (RuntimeException journalDown) {
                log.error("bot {}: the halt could not be journaled either: {}", b.id(), journalDown.getMessage());
            }
            publish(b, BotEvent.Kind.ERROR, reason);
            hub.updateBot(view(b));
        }
    }

    private void publish(Bot b, BotEvent.Kind kind, String text) {
        publish(BotEvent.of(marketTime, b.id(), kind, text));
    }

    private void publish(BotEvent e) {
        events.publish(e);
    }

    /** Applies the journal's events up to {@code time} (inclusive or not) to the shadow books and tells the risk manager. */
    private void feedShadow(long time, boolean inclusive) {
        Shadow sh = shadow;
        List<BotAccount> changed = new ArrayList<>();
        java.util.Set<String> dirty = new java.util.LinkedHashSet<>();
        if (!sh.started) {
            sh.started = true;
            risk.setUnallocatedCash(plan.unallocated());
            dirty.addAll(bots.keySet());
        }
        while (sh.next < sh.events.size()) {
            JournalEvent e = sh.events.get(sh.next);
            if (inclusive ? e.eventTime() > time : e.eventTime() >= time) {
                break;
            }
            sh.books.computeIfAbsent(e.botId(), io.tradingbots.engine.order.BotBook::new).apply(e);
            dirty.add(io.tradingbots.engine.order.ClientOrderIds.ownerOf(e.botId()));
            sh.next++;
        }
        for (String id : dirty) {
            if (bots.containsKey(id)) {
                io.tradingbots.engine.order.BotBook b = sh.books.computeIfAbsent(id, io.tradingbots.engine.order.BotBook::new);
                io.tradingbots.engine.order.BotBook leg = sh.books.get(ArbitrageLegs.book(id));
                changed.add(accountOf(id, b.state(), leg == null || !twoLegs(bots.get(id).spec()) ? null : leg.state()));
            }
        }
        if (!changed.isEmpty()) {
            flatten(risk.updateAccounts(changed));
        }
    }

    private BotAccount account(String botId) {
        return accountOf(botId, router.state(botId), twoLegs(bots.get(botId).spec()) ? legs.state(botId) : null);
    }

    /** The bot's account for the risk manager: with {@code leg} (its second venue's book), both books' cash and coin together. */
    private BotAccount accountOf(String botId, BotState st, BotState leg) {
        BotSpec s = bots.get(botId).spec();
        Map<String, BigDecimal> positions = new HashMap<>();
        BigDecimal cash = st.balance(s.quoteAsset());
        for (BotState book : leg == null ? List.of(st) : List.of(st, leg)) {
            book.positions().forEach((sym, p) -> {
                if (p.quantity().signum() != 0) {
                    positions.merge(sym, p.quantity(), BigDecimal::add);
                }
            });
        }
        if (leg != null) {
            cash = cash.add(leg.balance(s.quoteAsset()));
        }
        return new BotAccount(botId, cash, positions);
    }

    private void publishPortfolio() {
        BigDecimal equity = plan.unallocated();
        BigDecimal cash = plan.unallocated();
        for (Bot b : bots.values()) {
            BotSpec s = b.spec();
            BigDecimal c = router.available(s.id(), s.quoteAsset());
            cash = cash.add(c);
            equity = equity.add(c.add(mark(s)));
            if (twoLegs(s)) {
                cash = cash.add(legs.cash(s));
                equity = equity.add(legs.equity(s, prices.last(s.symbol()).map(PriceTick::price).orElse(null)));
            }
        }
        hub.updatePortfolio(portfolio.update(marketTime, equity, cash));
    }

    private BigDecimal mark(BotSpec s) {
        BigDecimal q = router.position(s.id(), s.symbol());
        if (q.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return prices.last(s.symbol()).map(t -> q.multiply(t.price())).orElse(BigDecimal.ZERO);
    }

    // ---- views and control ------------------------------------------------------------------------

    private BotStatus status(Bot b) {
        if (idle.containsKey(b.id()) || b.spec().desired() == BotSpec.Desired.STOPPED) {
            return BotStatus.STOPPED;
        }
        if (b.error != null || router.isHalted(b.id()) || riskHalt() != null) {
            return BotStatus.HALTED; // a risk halt: exits still pass, entries do not
        }
        if (b.spec().desired() == BotSpec.Desired.PAUSED) {
            return BotStatus.PAUSED;
        }
        return b.warm() ? BotStatus.RUNNING : BotStatus.WARMING_UP;
    }

    private io.tradingbots.engine.risk.HaltState riskHalt() {
        return risk == null ? null : risk.haltState();
    }

    private String riskHaltReason() {
        io.tradingbots.engine.risk.HaltState h = riskHalt();
        if (h == null) {
            return "";
        }
        return h.kind() == io.tradingbots.engine.risk.HaltState.Kind.MANUAL ? "trading halted by " + h.by() + ": " + h.reason()
                : h.reason();
    }

    private String statusReason(Bot b) {
        String idleWhy = idle.get(b.id());
        if (idleWhy != null) {
            return idleWhy;
        }
        return switch (status(b)) {
            case STOPPED -> "stopped by the operator";
            case HALTED -> b.error != null ? b.error
                    : router.isHalted(b.id()) ? router.state(b.id()).haltReason() : riskHaltReason();
            case WARMING_UP -> "waiting for " + b.barsToWarm() + " more " + b.spec().timeframe() + " candles";
            case PAUSED -> "paused by the operator: no new entries, exits still taken";
            default -> "";
        };
    }

    public synchronized BotDetail detail(String id) {
        return detail(bot(id));
    }

    public synchronized List<BotDetail> details() {
        return bots.values().stream().map(this::detail).toList();
    }

    public synchronized BotPlan plan() {
        return plan;
    }

    private BotDetail detail(Bot b) {
        BotSpec s = b.spec();
        BotState st = router.state(s.id());
        BigDecimal position = st.positions().containsKey(s.symbol()) ? st.positions().get(s.symbol()).quantity() : BigDecimal.ZERO;
        BigDecimal cash = st.balance(s.quoteAsset());
        BigDecimal last = prices.last(s.symbol()).map(PriceTick::price).orElse(null);
        BigDecimal equity = last == null ? cash : cash.add(position.multiply(last));
        BigDecimal realised = st.realisedPnl();
        BigDecimal fees = st.feesPaid().getOrDefault(s.quoteAsset(), BigDecimal.ZERO);
        long orders = st.orderCount();
        long fills = st.fillCount();
        int open = st.openOrders().size();
        if (twoLegs(s)) {
            // both venues: cash, coin (the inventory is exposure too), P&L and counts together; each venue's coin at its own price
            BotState leg = legs.state(s.id());
            equity = equity.add(legs.equity(s, last));
            cash = cash.add(leg.balance(s.quoteAsset()));
            position = position.add(legs.coin(s));
            realised = realised.add(leg.realisedPnl());
            fees = fees.add(leg.feesPaid().getOrDefault(s.quoteAsset(), BigDecimal.ZERO));
            orders += leg.orderCount();
            fills += leg.fillCount();
            open += leg.openOrders().size();
        }
        return new BotDetail(s, status(b), statusReason(b), plan.capitalOf(s), cash, position, last, equity, realised,
                fees, orders, fills, open,
                b.lastSignal != null ? b.lastSignal : "HOLD at the close " + plain(b.lastClose) + " of the " + s.timeframe() + " candle ending "
                        + Instant.ofEpochMilli(b.lastDecisionTime), b.lastDecisionTime);
    }

    private BotView view(Bot b) {
        BotDetail d = detail(b);
        BotSpec s = d.spec();
        String key = s.id();
        LocalDate today = Instant.ofEpochMilli(marketTime).atZone(ZoneOffset.UTC).toLocalDate();
        if (!today.equals(day.get(key))) {
            day.put(key, today);
            dayStart.put(key, d.equity());
        }
        return new BotView(s.id(), s.name(), b.label(), s.symbol(), s.timeframe().label(), d.status(), d.statusReason(),
                s.sharePercent(), d.allocatedCapital(), d.cash(), d.position(), d.equity(), d.equity().subtract(dayStart.get(key)),
                d.fillCount(), d.lastDecisionTime(), d.lastSignal());
    }

    private Bot bot(String id) {
        Bot b = bots.get(id);
        if (b == null) {
            throw new NoSuchElementException("no bot '" + id + "': the engine runs " + plan.ids());
        }
        return b;
    }

    /** Lets a stopped, paused or halted bot run again (a halt is ended in the journal, with the reason). */
    public synchronized BotDetail startBot(String id, String reason) {
        Bot b = bot(id);
        if (idle.containsKey(id)) {
            throw new IllegalStateException("bot " + id + " cannot run: " + idle.get(id));
        }
        if (router.isHalted(id)) {
            router.resume(id, reason == null || reason.isBlank() ? "started by the operator" : reason.strip());
        }
        b.error = null;
        change(b, b.spec().withDesired(BotSpec.Desired.RUNNING), "started");
        return detail(b);
    }

    /** Stops deciding; with {@code flatten}, sells the position at the market first. */
    public synchronized BotDetail stopBot(String id, boolean flatten) {
        Bot b = bot(id);
        if (flatten && twoLegs(b.spec())) {
            if (prices.last(b.spec().symbol()).isEmpty()) {
                throw new IllegalStateException("bot " + id + ": no price for " + b.spec().symbol() + " yet, cannot sell its position");
            }
            legs.flatten(b.spec(), "stopped by the operator with flatten");
        } else if (flatten) {
            BigDecimal qty = router.position(id, b.spec().symbol());
            if (qty.signum() > 0) {
                if (prices.last(b.spec().symbol()).isEmpty()) {
                    throw new IllegalStateException("bot " + id + ": no price for " + b.spec().symbol() + " yet, cannot sell its position");
                }
                send(b, OrderRequest.market(id, b.spec().symbol(), Side.SELL, qty, "stopped by the operator with flatten"));
            }
        }
        change(b, b.spec().withDesired(BotSpec.Desired.STOPPED), flatten ? "stopped (position sold)" : "stopped");
        return detail(b);
    }

    /** No new entries; exits are still taken. */
    public synchronized BotDetail pauseBot(String id) {
        Bot b = bot(id);
        change(b, b.spec().withDesired(BotSpec.Desired.PAUSED), "paused");
        return detail(b);
    }

    /**
     * Gives the bot {@code percent} of the capital: validated like the plan file (sum ≤ 100%, at
     * least the symbol's minimum order), saved to the plan file, then the difference is journaled
     * as FUNDS. Taking back more cash than the bot holds free is refused.
     */
    public synchronized BotDetail setAllocation(String id, BigDecimal percent) {
        Bot b = bot(id);
        allocate(b, percent, null);
        return detail(b);
    }

    /** {@link #setAllocation}'s validated path; {@code why} (the agent's reason) goes into the event. */
    private void allocate(Bot b, BigDecimal percent, String why) {
        String id = b.id();
        BotSpec s = b.spec();
        BotPlan next = plan.with(s.withShare(percent));
        next.validate(next.bots().stream().map(BotSpec::symbol).collect(java.util.stream.Collectors.toSet()), broker::filters);
        BigDecimal delta = next.capitalOf(next.bot(id)).subtract(plan.capitalOf(s));
        if (delta.signum() < 0 && router.available(id, s.quoteAsset()).compareTo(delta.negate()) < 0) {
            throw new IllegalStateException("bot " + id + " has " + plain(router.available(id, s.quoteAsset())) + " " + s.quoteAsset()
                    + " in free cash, less than the " + plain(delta.negate()) + " a share of " + plain(percent)
                    + "% would take back: lower it after the bot sells");
        }
        save(next);
        if (delta.signum() != 0) {
            router.fund(id, s.quoteAsset(), delta, (why == null ? "" : "agent ") + "allocation " + plain(s.sharePercent()) + "% -> "
                + plain(percent) + "%");
            if (risk != null) {
                risk.moveBotCapital(id, delta);
            }
        }
        b.spec(next.bot(id));
        if (risk != null && riskFed) {
            risk.setUnallocatedCash(plan.unallocated());
            flatten(risk.updateAccount(account(id)));
        }
        publish(b, BotEvent.Kind.STATUS, (why == null ? "" : why.startsWith("agent: ") ? "agent: " : "") + "allocation "
                + plain(s.sharePercent()) + "% -> " + plain(percent) + "% (" + plain(plan.capitalOf(next.bot(id))) + " " + s.quoteAsset() + ")"
                + (why == null ? "" : ": " + why.substring(why.startsWith("agent: ") ? 7 : 0)));
        hub.updateBot(view(b));
        publishPortfolio();
    }

    private void change(Bot b, BotSpec next, String what) {
        save(plan.with(next));
        b.spec(next);
        publish(b, BotEvent.Kind.STATUS, what);
        hub.updateBot(view(b));
    }

    private void save(BotPlan next) {
        if (planFile != null) {
            BotPlanFile.write(planFile, next);
        }
        plan = next;
    }

    /** The bot's orders as the journal has them (for exports). */
    public List<Order> orders(String id) {
        bot(id);
        return router.orders(id);
    }

    public OrderJournal journal() {
        return journal;
    }

    /** The bars bot {@code id} holds, oldest first (what it decides on): GetBotChart draws them after the store's candles. */
    public synchronized List<Candle> bars(String id) {
        return bot(id).bars();
    }

    /** The taker fee rate the strategies were built with (arbitrage's thresholds include it). */
    public double feeRate() {
        return broker.takerFee().doubleValue();
    }

    public EquityCurve curve() {
        return curve;
    }

    static String plain(BigDecimal d) {
        return d == null ? "-" : d.stripTrailingZeros().toPlainString();
    }
}
