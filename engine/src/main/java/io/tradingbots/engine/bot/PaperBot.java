package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.strategy.SmaCross;
import io.tradingbots.engine.strategy.StrategyInputs;
import io.tradingbots.engine.risk.BotAccount;
import io.tradingbots.engine.risk.Decision;
import io.tradingbots.engine.risk.OrderRequest;
import io.tradingbots.engine.risk.RiskManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Strategy;
import org.ta4j.core.num.DoubleNum;

/**
 * A long-only, all-in bot on the paper broker. It decides at each closed candle of its timeframe
 * and fills at the first price after that close (the next candle's open), paying the fee on both
 * sides. Cash and position are exact decimals and every fill is stored before it counts.
 * Not thread-safe: the engine calls it from the market thread only.
 */
public final class PaperBot {

    /** Bars kept in memory: enough for the slow average many times over. */
    private static final int MAX_BARS = 1_000;
    private static final int QUANTITY_SCALE = 8;
    private static final int CASH_SCALE = 8;

    public enum Side { BUY, SELL }

    private final BotConfig config;
    private final BigDecimal allocatedCapital;
    private final BotStore store;
    private final BarSeries series;
    private final Strategy strategy;

    private BigDecimal cash;
    private BigDecimal position;
    private long tradeCount;
    private BigDecimal lastPrice;
    private Side pending;
    private String pendingReason;
    private long lastDecisionTime;
    private String lastSignal = "none yet";
    private LocalDate day;
    private BigDecimal dayStartEquity;
    private BotStatus status = BotStatus.WARMING_UP;
    private String statusReason = "";
    private RiskManager risk;

    public PaperBot(BotConfig config, BigDecimal portfolioCapital, BotStore store) {
        this.config = config;
        this.allocatedCapital = portfolioCapital.multiply(config.allocationPercent())
                .divide(BigDecimal.valueOf(100), CASH_SCALE, RoundingMode.DOWN);
        this.store = store;
        this.series = new BaseBarSeriesBuilder().withName(config.id()).withNumTypeOf(DoubleNum.class)
                .withMaxBarCount(MAX_BARS).build();
        this.strategy = SmaCross.build(StrategyInputs.of(series), config.fast(), config.slow());
        BotStore.SavedState saved = store.load(config.id());
        if (saved != null) {
            cash = saved.cash();
            position = saved.position();
            tradeCount = saved.tradeCount();
        } else {
            cash = allocatedCapital;
            position = BigDecimal.ZERO;
        }
    }

    public BotConfig config() {
        return config;
    }

    /** From now on every order passes through {@code risk} before it fills. */
    public void useRiskManager(RiskManager risk) {
        this.risk = risk;
    }

    /** The risk manager asks to close the position: it sells at the next price. */
    public void requestFlatten(String reason) {
        if (position.signum() > 0) {
            pending = Side.SELL;
            pendingReason = reason;
            lastSignal = "SELL requested: " + reason;
        }
    }

    /** Cash and position, for the risk manager. */
    public BotAccount account() {
        return BotAccount.of(config.id(), cash, config.symbol(), position);
    }

    /** Feeds candles from before the live start: indicators warm up, nothing trades. */
    public void warmUp(List<Candle> candles) {
        for (Candle c : candles) {
            addBar(c);
            lastPrice = c.close();
        }
        refreshStatus();
    }

    /** A candle of this bot's symbol and timeframe closed: decide. */
    public void onCandle(Candle c) {
        addBar(c);
        lastPrice = c.close();
        lastDecisionTime = c.closeTime();
        rollDay(c.closeTime());
        refreshStatus();
        int i = series.getEndIndex();
        if (status == BotStatus.RUNNING) {
            boolean flat = position.signum() == 0;
            if (flat && strategy.shouldEnter(i)) {
                pending = Side.BUY;
                pendingReason = "SMA" + config.fast() + " crossed above SMA" + config.slow();
                lastSignal = "BUY signal at " + c.close();
            } else if (!flat && strategy.shouldExit(i)) {
                pending = Side.SELL;
                pendingReason = "SMA" + config.fast() + " crossed below SMA" + config.slow();
                lastSignal = "SELL signal at " + c.close();
            } else {
                lastSignal = "HOLD at " + c.close();
            }
        }
        store.saveEquity(config.id(), c.closeTime(), c.close(), cash, position, equity());
    }

    /** A new price: fills a pending order at it (the first price after the deciding close). */
    public void onPrice(PriceTick tick) {
        lastPrice = tick.price();
        rollDay(tick.time());
        if (pending != null) {
            fill(pending, tick);
            pending = null;
        }
    }

    private void fill(Side side, PriceTick tick) {
        BigDecimal price = tick.price();
        BigDecimal fee;
        BigDecimal quantity;
        if (side == Side.BUY) {
            BigDecimal perUnit = price.multiply(BigDecimal.ONE.add(config.feeRate()));
            quantity = cash.divide(perUnit, QUANTITY_SCALE, RoundingMode.DOWN);
            if (quantity.signum() <= 0) {
                lastSignal = "BUY skipped: cash " + cash + " buys nothing at " + price;
                return;
            }
            if (risk != null) {
                Decision d = risk.check(new OrderRequest(config.id(), config.symbol(), OrderRequest.Side.BUY, quantity, price, pendingReason));
                if (!d.allowed()) {
                    lastSignal = "BUY " + d.reason();
                    return;
                }
                quantity = quantity.min(d.quantity());
            }
            BigDecimal cost = quantity.multiply(price);
            fee = cost.multiply(config.feeRate()).setScale(CASH_SCALE, RoundingMode.UP);
            cash = cash.subtract(cost).subtract(fee).setScale(CASH_SCALE, RoundingMode.DOWN);
            position = position.add(quantity);
        } else {
            quantity = position;
            BigDecimal proceeds = quantity.multiply(price);
            fee = proceeds.multiply(config.feeRate()).setScale(CASH_SCALE, RoundingMode.UP);
            cash = cash.add(proceeds).subtract(fee).setScale(CASH_SCALE, RoundingMode.DOWN);
            position = BigDecimal.ZERO;
        }
        tradeCount++;
        lastSignal = side + " " + quantity.stripTrailingZeros().toPlainString() + " at " + price;
        store.saveFill(new BotStore.Fill(config.id(), side.name(), tick.time(), price, quantity, fee, cash, position,
                pendingReason, tradeCount));
    }

    private void addBar(Candle c) {
        if (series.getBarCount() > 0
                && !series.getLastBar().getEndTime().toInstant().isBefore(Instant.ofEpochMilli(c.closeTime()))) {
            return; // a candle we already have (warm-up overlap): keep the series strictly increasing
        }
        series.addBar(config.timeframe().duration(), ZonedDateTime.ofInstant(Instant.ofEpochMilli(c.closeTime()), ZoneOffset.UTC),
                series.numOf(c.open()), series.numOf(c.high()), series.numOf(c.low()), series.numOf(c.close()),
                series.numOf(c.volume()));
    }

    private void refreshStatus() {
        if (status == BotStatus.WARMING_UP && series.getEndIndex() >= config.slow()) {
            status = BotStatus.RUNNING;
            statusReason = "";
        } else if (status == BotStatus.WARMING_UP) {
            statusReason = "waiting for " + (config.slow() + 1 - series.getBarCount()) + " more " + config.timeframe() + " candles";
        }
    }

    private void rollDay(long marketTime) {
        LocalDate d = Instant.ofEpochMilli(marketTime).atZone(ZoneOffset.UTC).toLocalDate();
        if (!d.equals(day)) {
            day = d;
            dayStartEquity = equity();
        }
    }

    /** Cash plus the position marked at the last price. */
    public BigDecimal equity() {
        if (lastPrice == null || position.signum() == 0) {
            return cash;
        }
        return cash.add(position.multiply(lastPrice)).setScale(CASH_SCALE, RoundingMode.HALF_EVEN);
    }

    public BigDecimal cash() {
        return cash;
    }

    public BigDecimal allocatedCapital() {
        return allocatedCapital;
    }

    public BotView view() {
        BigDecimal equity = equity();
        BigDecimal todayPnl = dayStartEquity == null ? BigDecimal.ZERO : equity.subtract(dayStartEquity);
        return new BotView(config.id(), config.name(), config.strategyLabel(), config.symbol(), config.timeframe().label(),
                status, statusReason, config.allocationPercent(), allocatedCapital, cash, position, equity, todayPnl,
                tradeCount, lastDecisionTime, lastSignal);
    }
}
