package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Timeframe;
import java.math.BigDecimal;

/**
 * What one bot trades and with how much. {@code feeRate} is the taker fee as a fraction
 * (0.001 = 0.1%), charged in quote currency on every fill.
 */
public record BotConfig(String id, String name, String symbol, Timeframe timeframe, int fast, int slow,
                        BigDecimal allocationPercent, BigDecimal feeRate) {

    public BotConfig {
        if (fast < 1 || slow <= fast) {
            throw new IllegalArgumentException("bot " + id + ": need 1 <= fast < slow, got fast=" + fast + ", slow=" + slow);
        }
        if (allocationPercent.signum() <= 0 || allocationPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("bot " + id + ": allocation must be in (0, 100] percent, got " + allocationPercent);
        }
        if (feeRate.signum() < 0 || feeRate.compareTo(new BigDecimal("0.1")) >= 0) {
            throw new IllegalArgumentException("bot " + id + ": fee must be in [0, 0.1), got " + feeRate);
        }
    }

    public String strategyLabel() {
        return "sma-cross(fast=" + fast + ", slow=" + slow + ")";
    }

    /** The walking skeleton's one bot: SMA 10/30 crossover on BTC/USD 5m with 30% of the capital. */
    public static BotConfig defaultCore() {
        return new BotConfig("sma-core", "Core SMA crossover", "BTC/USD", Timeframe.M5, 10, 30,
                BigDecimal.valueOf(30), new BigDecimal("0.001"));
    }
}
