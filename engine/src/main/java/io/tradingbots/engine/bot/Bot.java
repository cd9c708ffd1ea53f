package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.OrderState;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.strategy.Params;
import io.tradingbots.engine.strategy.StrategyDef;
import io.tradingbots.engine.strategy.Strategies;
import io.tradingbots.engine.strategy.StrategyInputs;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.LongFunction;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.DoubleNum;

/**
 * One bot's decision side: its ta4j strategy (built by the registry, the same object a backtest
 * runs) on a bounded series of its closed candles, and a trading record that follows the fills the
 * journal holds, for rules that read the entry (take-profit, trailing stop, the hedge overlay).
 * Money lives in the journal, not here. Not thread-safe: the runtime calls it under its lock.
 */
final class Bot {

    enum Signal { ENTER, EXIT, NONE }

    private static final int MIN_BARS = 1_000;

    private volatile BotSpec spec;
    private final Params params;
    private final BarSeries series;
    private final BarSeries second;
    private final Strategy strategy;
    private final int unstable;
    private final TradingRecord record = new BaseTradingRecord();
    /** The next order number whose fills the trading record has not taken yet. */
    private long nextOrderNo = 1;

    volatile String lastSignal = "none yet";
    /** Why the last bar has no second-venue candle (the bot does not decide on it); null when it has one. */
    volatile String secondMissing;
    /** The second venue's candle of the last bar, or null (none, or a strategy without a second series). */
    Candle secondCandle;
    volatile long lastDecisionTime;
    volatile String error;
    long lastPublished;
    BigDecimal lastClose;
    BigDecimal lastCurveCash = BigDecimal.ONE.negate();
    BigDecimal lastCurvePosition = BigDecimal.ZERO;

    Bot(BotSpec spec, double feeRate) {
        this.spec = spec;
        this.params = spec.resolvedParams();
        StrategyDef def = Strategies.registry().get(spec.strategy());
        this.unstable = def.unstableBars(params);
        int keep = Math.max(MIN_BARS, 4 * unstable + 10);
        this.series = new BaseBarSeriesBuilder().withName(spec.id()).withNumTypeOf(DoubleNum.class).withMaxBarCount(keep).build();
        this.second = def.needsSecondSeries()
                ? new BaseBarSeriesBuilder().withName(spec.id() + "-second").withNumTypeOf(DoubleNum.class).withMaxBarCount(keep).build()
                : null;
        this.strategy = def.build(new StrategyInputs(series, second, feeRate), params);
    }

    BotSpec spec() {
        return spec;
    }

    void spec(BotSpec s) {
        this.spec = s;
    }

    String id() {
        return spec.id();
    }

    boolean needsSecond() {
        return second != null;
    }

    /** False while the strategy's indicators are not yet stable. */
    boolean warm() {
        return series.getBarCount() > 0 && series.getEndIndex() >= unstable;
    }

    int barsToWarm() {
        return Math.max(0, unstable + 1 - series.getBarCount());
    }

    /** Adds the closed candle with the synthetic second venue (tests, simulated markets). */
    boolean add(Candle c) {
        return add(c, SyntheticVenue.INSTANCE);
    }

    /**
     * Adds the closed candle (and {@code venue}'s of the same open time, for arbitrage); false for a
     * candle already seen. When the venue has no such candle, the bar keeps both series aligned with
     * the first venue's candle in its place, and {@link #decide} does not decide on it.
     */
    boolean add(Candle c, SecondVenue venue) {
        if (series.getBarCount() > 0 && !series.getLastBar().getEndTime().toInstant().isBefore(Instant.ofEpochMilli(c.closeTime()))) {
            return false;
        }
        addBar(series, c);
        if (second != null) {
            Candle other = venue.candle(c).orElse(null);
            secondCandle = other;
            secondMissing = other == null ? "no " + venue.description() + " candle opening at " + Instant.ofEpochMilli(c.openTime())
                    + " yet: no decision on this bar" : null;
            addBar(second, other == null ? c : other);
        }
        return true;
    }

    private void addBar(BarSeries s, Candle c) {
        s.addBar(spec.timeframe().duration(), ZonedDateTime.ofInstant(Instant.ofEpochMilli(c.closeTime()), ZoneOffset.UTC),
                s.numOf(c.open()), s.numOf(c.high()), s.numOf(c.low()), s.numOf(c.close()), s.numOf(c.volume()));
    }

    /** Decides at the last bar's close, as a backtest does: enter when flat, exit when holding; NONE without the second venue's candle. */
    Signal decide() {
        if (secondMissing != null) {
            return Signal.NONE;
        }
        int i = series.getEndIndex();
        boolean holding = record.getCurrentPosition().isOpened();
        if (holding) {
            return strategy.shouldExit(i, record) ? Signal.EXIT : Signal.NONE;
        }
        return strategy.shouldEnter(i, record) ? Signal.ENTER : Signal.NONE;
    }

    boolean holdingInRecord() {
        return record.getCurrentPosition().isOpened();
    }

    /**
     * Takes into the trading record, at the last bar, the bot's final orders made before
     * {@code before} (market ms) that it has not taken yet, in order: a filled BUY opens the
     * record's position, a filled SELL closes it. Stops at the first order still open.
     */
    void syncRecord(LongFunction<Order> byNumber, long before) {
        int i = Math.max(0, series.getEndIndex());
        for (Order o; (o = byNumber.apply(nextOrderNo)) != null; nextOrderNo++) {
            if (o.createdAt() >= before || !o.state().isFinal()) {
                return;
            }
            if (o.filledQuantity().signum() > 0 && o.state() != OrderState.REJECTED && series.getBarCount() > 0) {
                BigDecimal avg = o.averagePrice();
                if (o.side() == Side.BUY && !record.getCurrentPosition().isOpened()) {
                    record.enter(i, series.numOf(avg), series.numOf(o.filledQuantity()));
                } else if (o.side() == Side.SELL && record.getCurrentPosition().isOpened()) {
                    record.exit(i, series.numOf(avg), series.numOf(o.filledQuantity()));
                }
            }
        }
    }

    /** Makes the record show {@code holding} at the last bar (the journal says so, e.g. after a risk flatten). */
    void forceRecord(boolean holding, BigDecimal price, BigDecimal quantity) {
        int i = Math.max(0, series.getEndIndex());
        if (holding) {
            record.enter(i, series.numOf(price), series.numOf(quantity));
        } else {
            record.exit(i, series.numOf(price), series.numOf(quantity.signum() > 0 ? quantity : BigDecimal.ONE));
        }
    }

    /** The bars the bot holds, oldest first, as candles (prices as the doubles it decides on): for charts. */
    java.util.List<Candle> bars() {
        java.util.List<Candle> out = new java.util.ArrayList<>(series.getBarCount());
        for (int i = series.getBeginIndex(); i <= series.getEndIndex() && series.getBarCount() > 0; i++) {
            org.ta4j.core.Bar bar = series.getBar(i);
            out.add(new Candle(spec.symbol(), spec.timeframe(), bar.getBeginTime().toInstant().toEpochMilli(),
                    decimal(bar.getOpenPrice()), decimal(bar.getHighPrice()), decimal(bar.getLowPrice()), decimal(bar.getClosePrice()),
                    decimal(bar.getVolume())));
        }
        return out;
    }

    private static BigDecimal decimal(org.ta4j.core.num.Num n) {
        return BigDecimal.valueOf(n.doubleValue());
    }

    /** "sma-cross(fast=10, slow=30)", as EngineService's BotState shows a strategy. */
    String label() {
        return spec.strategy() + "(" + params.asMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
}
