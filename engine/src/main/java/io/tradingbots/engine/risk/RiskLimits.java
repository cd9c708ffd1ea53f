package io.tradingbots.engine.risk;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The limits every order is checked against. Percentages are of equity: the daily loss and its
 * buffer of the UTC day's starting equity, the drawdown of the bot's highest equity, exposures of
 * the portfolio's current equity. Notionals are in quote currency (USD). A record that exists is
 * valid: the constructor refuses limits that make no sense, with a message naming the limit.
 *
 * @param dailyLossPercent       the portfolio may lose this much of the day's starting equity; at it, everything is
 *                               flattened and halted until the next UTC day or a manual resume
 * @param entryBufferPercent     new entries stop once the day's loss is within this many points of the limit
 * @param botDrawdownPercent     a bot whose equity fell this far below its highest opens nothing new
 * @param coinExposurePercent    positions in one coin (BTC across BTC/USD and BTC/USDT, all bots), at most this
 * @param totalExposurePercent   all positions together, at most this
 * @param maxOrderNotional       one order is worth at most this (larger entries are shrunk)
 * @param maxOrdersPerMinute     entries a bot may send in any 60 s
 * @param minOrderNotional       entries worth less than this are refused (exchanges refuse them too)
 */
public record RiskLimits(BigDecimal dailyLossPercent, BigDecimal entryBufferPercent, BigDecimal botDrawdownPercent,
                         BigDecimal coinExposurePercent, BigDecimal totalExposurePercent, BigDecimal maxOrderNotional,
                         int maxOrdersPerMinute, BigDecimal minOrderNotional) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public RiskLimits {
        percent("daily loss limit", dailyLossPercent, false);
        percent("entry buffer", entryBufferPercent, true);
        percent("per-bot drawdown limit", botDrawdownPercent, false);
        percent("exposure per coin", coinExposurePercent, false);
        percent("total exposure", totalExposurePercent, false);
        if (entryBufferPercent.compareTo(dailyLossPercent) >= 0) {
            throw new IllegalArgumentException("the entry buffer (" + plain(entryBufferPercent) + "%) must be smaller than the daily loss limit ("
                    + plain(dailyLossPercent) + "%): entries stop that many points before the limit");
        }
        if (coinExposurePercent.compareTo(totalExposurePercent) > 0) {
            throw new IllegalArgumentException("exposure per coin (" + plain(coinExposurePercent) + "%) cannot exceed total exposure ("
                    + plain(totalExposurePercent) + "%)");
        }
        Objects.requireNonNull(maxOrderNotional, "max order notional");
        Objects.requireNonNull(minOrderNotional, "min order notional");
        if (maxOrderNotional.signum() <= 0) {
            throw new IllegalArgumentException("max order notional must be positive, got " + plain(maxOrderNotional));
        }
        if (minOrderNotional.signum() < 0) {
            throw new IllegalArgumentException("min order notional cannot be negative, got " + plain(minOrderNotional));
        }
        if (minOrderNotional.compareTo(maxOrderNotional) > 0) {
            throw new IllegalArgumentException("min order notional (" + plain(minOrderNotional) + ") is larger than max order notional ("
                    + plain(maxOrderNotional) + "): no order could pass");
        }
        if (maxOrdersPerMinute < 1 || maxOrdersPerMinute > 10_000) {
            throw new IllegalArgumentException("orders per minute must be in 1..10000, got " + maxOrdersPerMinute);
        }
    }

    /** 10% daily loss, entries stop at 8%, 25% per-bot drawdown, 50% per coin, 100% in total, $10..$100,000 per order, 30 a minute. */
    public static RiskLimits defaults() {
        return new RiskLimits(BigDecimal.valueOf(10), BigDecimal.valueOf(2), BigDecimal.valueOf(25), BigDecimal.valueOf(50),
                BigDecimal.valueOf(100), new BigDecimal("100000"), 30, BigDecimal.TEN);
    }

    private static void percent(String name, BigDecimal value, boolean zeroAllowed) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " cannot be negative, got " + plain(value) + "%");
        }
        if (value.signum() == 0 && !zeroAllowed) {
            throw new IllegalArgumentException(name + " must be above 0%, got 0%");
        }
        if (value.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException(name + " cannot be above 100%, got " + plain(value) + "%");
        }
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** The limit in the day's loss at which new entries stop, in percent. */
    public BigDecimal entryStopPercent() {
        return dailyLossPercent.subtract(entryBufferPercent);
    }

    /** Each limit by name, as strings: for the audit trail and messages. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("daily_loss_percent", plain(dailyLossPercent));
        m.put("entry_buffer_percent", plain(entryBufferPercent));
        m.put("bot_drawdown_percent", plain(botDrawdownPercent));
        m.put("coin_exposure_percent", plain(coinExposurePercent));
        m.put("total_exposure_percent", plain(totalExposurePercent));
        m.put("max_order_notional", plain(maxOrderNotional));
        m.put("max_orders_per_minute", Integer.toString(maxOrdersPerMinute));
        m.put("min_order_notional", plain(minOrderNotional));
        return m;
    }

    /**
     * The limits {@code proposed} would loosen compared with these, in words ("daily loss 10% → 15%");
     * empty when it only tightens or keeps them. A larger buffer or minimum is tighter; everything else is looser when larger.
     */
    public List<String> loosenedBy(RiskLimits proposed) {
        List<String> out = new ArrayList<>();
        looser(out, "daily loss limit", dailyLossPercent, proposed.dailyLossPercent, "%");
        if (proposed.entryStopPercent().compareTo(entryStopPercent()) > 0) {
            out.add("entries stop at " + plain(entryStopPercent()) + "% → " + plain(proposed.entryStopPercent()) + "% of loss");
        }
        looser(out, "per-bot drawdown", botDrawdownPercent, proposed.botDrawdownPercent, "%");
        looser(out, "exposure per coin", coinExposurePercent, proposed.coinExposurePercent, "%");
        looser(out, "total exposure", totalExposurePercent, proposed.totalExposurePercent, "%");
        looser(out, "max order notional", maxOrderNotional, proposed.maxOrderNotional, "");
        looser(out, "orders per minute", BigDecimal.valueOf(maxOrdersPerMinute), BigDecimal.valueOf(proposed.maxOrdersPerMinute), "");
        if (proposed.minOrderNotional.compareTo(minOrderNotional) < 0) {
            out.add("min order notional " + plain(minOrderNotional) + " → " + plain(proposed.minOrderNotional));
        }
        return out;
    }

    private static void looser(List<String> out, String name, BigDecimal now, BigDecimal proposed, String unit) {
        if (proposed.compareTo(now) > 0) {
            out.add(name + " " + plain(now) + unit + " → " + plain(proposed) + unit);
        }
    }
}
