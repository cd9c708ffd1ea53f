package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.engine.order.Side;
import io.tradingbots.engine.strategy.ChartIndicator;
import io.tradingbots.engine.strategy.Params;
import io.tradingbots.engine.strategy.StrategyDef;
import io.tradingbots.engine.strategy.Strategies;
import io.tradingbots.engine.strategy.StrategyInputs;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;

/**
 * What a chart of one bot shows over a range of its bars: the candles of its symbol and timeframe,
 * its strategy's indicator lines ({@link StrategyDef#indicators}, the bot's own parameters) and its
 * fills from the order journal.
 *
 * <p>Candles come from the engine's candle store and, after the store's newest candle, from the
 * bars the bot holds in memory (what it decided on; the only candles of a simulated market). The
 * indicators are computed over {@link #warmUp} more bars before the range, so a line does not
 * start cold at the chart's left edge. Errors follow the API's convention: IllegalArgumentException
 * for a bad request.
 */
public final class BotChart {

    /** Bars a range may span at most. */
    public static final long MAX_RANGE_BARS = 200_000;
    /** Candles sent when the request does not say. */
    public static final int DEFAULT_CANDLES = 20_000;
    /** Candles sent at most (about 3 MB with five lines, under gRPC's 4 MB message limit). */
    public static final int MAX_CANDLES = 50_000;

    /** Stored candles of a symbol and timeframe with open times in [from, to), oldest first; empty when none are stored. */
    public interface Store {
        List<Candle> read(String symbol, Timeframe timeframe, long from, long to);

        /** Open time of the newest stored candle, or -1. */
        long newest(String symbol, Timeframe timeframe);

        /** "binanceus", for the description of where the candles came from. */
        String describe(String symbol, Timeframe timeframe);

        Store NONE = new Store() {
            @Override
            public List<Candle> read(String symbol, Timeframe timeframe, long from, long to) {
                return List.of();
            }

            @Override
            public long newest(String symbol, Timeframe timeframe) {
                return -1;
            }

            @Override
            public String describe(String symbol, Timeframe timeframe) {
                return "";
            }
        };
    }

    public record Line(String name, ChartIndicator.Pane pane, String group, double[] values) {}

    public record FillMark(long time, Side side, BigDecimal price, BigDecimal quantity, BigDecimal fee, String feeAsset,
                           String clientOrderId) {}

    public record Result(BotSpec spec, String strategyLabel, List<Candle> candles, List<Line> lines, List<FillMark> fills,
                         boolean truncated, String candleSource) {}

    private BotChart() {}

    /** Bars of warm-up before the range for a strategy: four times its unstable bars and ten more (what a bot keeps at least). */
    public static int warmUp(StrategyDef def, Params p) {
        return 4 * def.unstableBars(p) + 10;
    }

    /**
     * The chart of {@code spec}'s bot over [{@code from}, {@code to}) (open times, ms; {@code to} 0:
     * through the newest candle; {@code from} 0: the newest {@code maxCandles}), with at most
     * {@code maxCandles} candles (0: {@value #DEFAULT_CANDLES}).
     */
    public static Result build(BotSpec spec, double feeRate, Store store, List<Candle> botBars, List<JournalEvent> journal,
                               long from, long to, int maxCandles) {
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("times are ms since the epoch, not negative (from " + from + ", to " + to + ")");
        }
        if (to != 0 && to <= from) {
            throw new IllegalArgumentException("empty range: to (" + Instant.ofEpochMilli(to) + ") is not after from ("
                    + Instant.ofEpochMilli(from) + ")");
        }
        if (maxCandles < 0 || maxCandles > MAX_CANDLES) {
            throw new IllegalArgumentException("max_candles must be in 1.." + MAX_CANDLES + " (0 = " + DEFAULT_CANDLES + "), got " + maxCandles);
        }
        int max = maxCandles == 0 ? DEFAULT_CANDLES : maxCandles;
        Timeframe tf = spec.timeframe();
        long step = tf.millis();
        if (from != 0 && to != 0 && (to - from + step - 1) / step > MAX_RANGE_BARS) {
            throw new IllegalArgumentException("the range spans " + String.format(Locale.US, "%,d", (to - from + step - 1) / step) + " "
                    + tf + " bars, more than " + String.format(Locale.US, "%,d", MAX_RANGE_BARS) + ": ask for a shorter range");
        }
        long newestStored = store.newest(spec.symbol(), tf);
        long newestBar = botBars.isEmpty() ? -1 : botBars.get(botBars.size() - 1).openTime();
        long end = to != 0 ? to : Math.max(newestStored, newestBar) + step;
        long start = from != 0 ? from : Math.max(0, end - (long) max * step);
        if (from != 0 && to == 0 && (end - start + step - 1) / step > MAX_RANGE_BARS) {
            throw new IllegalArgumentException("the range from " + Instant.ofEpochMilli(from) + " to the newest candle spans more than "
                    + String.format(Locale.US, "%,d", MAX_RANGE_BARS) + " " + tf + " bars: ask for a shorter range");
        }
        boolean truncated = false;
        if (end - start > (long) max * step) {
            start = end - (long) max * step;
            truncated = true;
        }
        StrategyDef def = Strategies.registry().get(spec.strategy());
        Params params = spec.resolvedParams();
        long readFrom = Math.max(0, start - (long) warmUp(def, params) * step);

        List<Candle> all = new ArrayList<>();
        if (end > 0) {
            all.addAll(store.read(spec.symbol(), tf, readFrom, end));
        }
        int stored = count(all, start);
        long after = all.isEmpty() ? Long.MIN_VALUE : all.get(all.size() - 1).openTime();
        for (Candle c : botBars) {
            if (c.openTime() > after && c.openTime() >= readFrom && c.openTime() < end) {
                all.add(c);
            }
        }
        int first = 0;
        while (first < all.size() && all.get(first).openTime() < start) {
            first++;
        }
        if (all.size() - first > max) { // bot bars with gaps in their times can still exceed the slots
            first = all.size() - max;
            truncated = true;
        }
        int fromBars = all.size() - first - stored;

        BarSeries series = new BaseBarSeriesBuilder().withName(spec.id()).withNumTypeOf(DoubleNum.class).build();
        for (Candle c : all) {
            series.addBar(tf.duration(), ZonedDateTime.ofInstant(Instant.ofEpochMilli(c.closeTime()), ZoneOffset.UTC),
                    series.numOf(c.open()), series.numOf(c.high()), series.numOf(c.low()), series.numOf(c.close()),
                    series.numOf(c.volume()));
        }
        List<Line> lines = new ArrayList<>();
        if (!all.isEmpty()) {
            for (ChartIndicator ci : def.indicators(new StrategyInputs(series, null, feeRate), params)) {
                double[] values = new double[all.size() - first];
                for (int i = first; i < all.size(); i++) {
                    values[i - first] = ci.indicator().getValue(i).doubleValue();
                }
                lines.add(new Line(ci.name(), ci.pane(), ci.group(), values));
            }
        }

        long chartStart = first < all.size() ? all.get(first).openTime() : start;
        List<FillMark> fills = fills(journal, chartStart, to == 0 ? Long.MAX_VALUE : end);
        String source = (stored > 0 ? "store " + store.describe(spec.symbol(), tf) + " " + tf + " (" + String.format(Locale.US, "%,d", stored) + ")" : "")
                + (stored > 0 && fromBars > 0 ? " + " : "")
                + (fromBars > 0 ? "the bot's own bars (" + String.format(Locale.US, "%,d", fromBars) + ")" : "")
                + (stored == 0 && fromBars == 0 ? "no " + spec.symbol() + " " + tf + " candles in the store or the bot in this range" : "");
        return new Result(spec, label(spec, params), List.copyOf(all.subList(first, all.size())), lines, fills, truncated, source);
    }

    private static int count(List<Candle> candles, long start) {
        int n = 0;
        for (Candle c : candles) {
            if (c.openTime() >= start) {
                n++;
            }
        }
        return n;
    }

    /** The FILL events with a time in [from, to), each with its order's side (from the order's INTENT). */
    static List<FillMark> fills(List<JournalEvent> journal, long from, long to) {
        Map<String, Side> sides = new HashMap<>();
        List<FillMark> out = new ArrayList<>();
        for (JournalEvent e : journal) {
            if (e.kind() == JournalEvent.Kind.INTENT) {
                sides.put(e.clientOrderId(), e.side());
            } else if (e.kind() == JournalEvent.Kind.FILL && e.eventTime() >= from && e.eventTime() < to) {
                out.add(new FillMark(e.eventTime(), sides.get(e.clientOrderId()), e.price(), e.quantity(),
                        e.fee() == null ? BigDecimal.ZERO : e.fee(), e.asset() == null ? "" : e.asset(), e.clientOrderId()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(FillMark::time));
        return out;
    }

    private static String label(BotSpec spec, Params p) {
        StringBuilder b = new StringBuilder(spec.strategy()).append('(');
        p.asMap().forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(k).append('=').append(v));
        return b.append(')').toString();
    }
}
