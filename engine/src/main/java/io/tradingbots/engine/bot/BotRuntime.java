package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.CandleAggregator;
import io.tradingbots.engine.market.MarketListener;
import io.tradingbots.engine.market.MarketSource;
import io.tradingbots.engine.market.PriceBoard;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.portfolio.PortfolioTracker;
import io.tradingbots.engine.risk.BotAccount;
import io.tradingbots.engine.risk.OrderRequest;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.state.StateHub;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the bots on a market source: routes prices and closed candles (aggregated to each bot's
 * timeframe) to the bots, and publishes bots, prices and the portfolio to the state hub. All of it
 * happens on the market source's thread, one event at a time.
 */
public final class BotRuntime implements MarketListener {

    private static final Logger log = LoggerFactory.getLogger(BotRuntime.class);

    private final MarketSource market;
    private final List<PaperBot> bots;
    private final PortfolioTracker portfolio;
    private final StateHub hub;
    private final PriceBoard prices = new PriceBoard();
    /** Aggregators by "symbol|timeframe", for the timeframes some bot needs. */
    private final Map<String, CandleAggregator> aggregators = new LinkedHashMap<>();
    private final Map<PaperBot, String> halted = new LinkedHashMap<>();
    private final RiskManager risk;
    /** Flattening orders from other threads (the API's kill switch), applied on the market thread. */
    private final Queue<OrderRequest> flattenQueue = new ConcurrentLinkedQueue<>();
    private long marketTime;

    public BotRuntime(MarketSource market, List<PaperBot> bots, PortfolioTracker portfolio, StateHub hub) {
        this(market, bots, portfolio, hub, null);
    }

    /** With a risk manager: every bot order passes through it, and it is fed every price and fill. */
    public BotRuntime(MarketSource market, List<PaperBot> bots, PortfolioTracker portfolio, StateHub hub, RiskManager risk) {
        this.risk = risk;
        this.market = market;
        this.bots = List.copyOf(bots);
        this.portfolio = portfolio;
        this.hub = hub;
        Timeframe base = market.baseTimeframe();
        for (PaperBot b : bots) {
            BotConfig c = b.config();
            if (!market.symbols().contains(c.symbol())) {
                throw new IllegalArgumentException("bot " + c.id() + " trades " + c.symbol() + " but the market source ("
                        + market.description() + ") has only " + market.symbols());
            }
            if (c.timeframe().millis() % base.millis() != 0 || c.timeframe().millis() < base.millis()) {
                throw new IllegalArgumentException("bot " + c.id() + " needs " + c.timeframe() + " candles, which cannot be built from the market source's "
                        + base + " candles");
            }
            aggregators.computeIfAbsent(key(c.symbol(), c.timeframe()), k -> new CandleAggregator(c.symbol(), base, c.timeframe()));
        }
    }

    private static String key(String symbol, Timeframe tf) {
        return symbol + "|" + tf.label();
    }

    /** Warms the bots and the price board up on the source's history, publishes it, and starts the source. */
    public void start() {
        Map<String, BigDecimal> lastPrices = new LinkedHashMap<>();
        for (String symbol : market.symbols()) {
            PriceTick last = null;
            for (Candle c : market.history(symbol)) {
                last = new PriceTick(symbol, c.closeTime() - 1, c.close());
                prices.update(last);
                marketTime = Math.max(marketTime, c.closeTime());
            }
            if (last != null) {
                hub.updatePrice(prices.update(last));
                lastPrices.put(symbol, last.price());
            }
        }
        for (PaperBot b : bots) {
            BotConfig c = b.config();
            CandleAggregator warm = new CandleAggregator(c.symbol(), market.baseTimeframe(), c.timeframe());
            List<Candle> candles = new ArrayList<>();
            for (Candle base : market.history(c.symbol())) {
                candles.addAll(warm.add(base));
            }
            b.warmUp(candles);
            hub.updateBot(b.view());
        }
        if (risk != null) {
            List<BotAccount> accounts = new ArrayList<>();
            for (PaperBot b : bots) {
                b.useRiskManager(risk);
                accounts.add(b.account());
            }
            risk.setUnallocatedCash(portfolio.unallocated());
            lastPrices.forEach(risk::updateMark);
            applyFlatten(risk.updateAccounts(accounts));
        }
        publishPortfolio();
        market.start(this);
        log.info("{} bot(s) running on {}", bots.size(), market.description());
    }

    @Override
    public void onPrice(PriceTick tick) {
        marketTime = Math.max(marketTime, tick.time());
        hub.updatePrice(prices.update(tick));
        if (risk != null) {
            applyFlatten(risk.updateMark(tick.symbol(), tick.price()));
            for (OrderRequest o; (o = flattenQueue.poll()) != null; ) {
                applyFlatten(List.of(o));
            }
        }
        for (PaperBot b : bots) {
            if (b.config().symbol().equals(tick.symbol())) {
                guarded(b, () -> b.onPrice(tick));
            }
        }
        publishPortfolio();
    }

    /** Thread-safe: the kill switch's flattening orders, applied at the next price. */
    public void flatten(List<OrderRequest> orders) {
        flattenQueue.addAll(orders);
    }

    /** On the market thread: each order closes its bot's position at the next price. */
    private void applyFlatten(List<OrderRequest> orders) {
        for (OrderRequest o : orders) {
            for (PaperBot b : bots) {
                if (b.config().id().equals(o.botId())) {
                    b.requestFlatten(o.reason());
                    hub.updateBot(b.view());
                }
            }
        }
    }

    @Override
    public void onCandle(Candle candle) {
        for (var e : aggregators.entrySet()) {
            if (!e.getKey().startsWith(candle.symbol() + "|")) {
                continue;
            }
            for (Candle done : e.getValue().add(candle)) {
                for (PaperBot b : bots) {
                    if (b.config().symbol().equals(done.symbol()) && b.config().timeframe() == done.timeframe()) {
                        guarded(b, () -> b.onCandle(done));
                    }
                }
            }
        }
    }

    /** Runs a bot's step; a failure halts that bot alone, with the reason on its status. */
    private void guarded(PaperBot bot, Runnable step) {
        if (halted.containsKey(bot)) {
            return;
        }
        try {
            step.run();
            if (risk != null) {
                applyFlatten(risk.updateAccount(bot.account()));
            }
            hub.updateBot(bot.view());
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.error("bot {} halted: {}", bot.config().id(), reason, e);
            halted.put(bot, reason);
            BotView v = bot.view();
            hub.updateBot(new BotView(v.id(), v.name(), v.strategy(), v.symbol(), v.timeframe(), BotStatus.HALTED, reason,
                    v.allocationPercent(), v.allocatedCapital(), v.cash(), v.position(), v.equity(), v.todayPnl(),
                    v.tradeCount(), v.lastDecisionTime(), v.lastSignal()));
        }
    }

    private void publishPortfolio() {
        BigDecimal equity = BigDecimal.ZERO;
        BigDecimal cash = BigDecimal.ZERO;
        for (PaperBot b : bots) {
            equity = equity.add(b.equity());
            cash = cash.add(b.cash());
        }
        hub.updatePortfolio(portfolio.update(marketTime, equity, cash));
    }

    @Override
    public void onFinished() {
        log.info("market source finished: {}", market.status());
    }
}
