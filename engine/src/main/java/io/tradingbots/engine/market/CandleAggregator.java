package io.tradingbots.engine.market;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds candles of a larger timeframe from consecutive base candles of one symbol. A bucket is
 * emitted when its last base candle arrives, or (after a gap) when a candle of a later bucket does.
 */
public final class CandleAggregator {

    private final String symbol;
    private final Timeframe target;
    private long bucketStart = Long.MIN_VALUE;
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private BigDecimal volume;

    public CandleAggregator(String symbol, Timeframe base, Timeframe target) {
        if (target.millis() < base.millis() || target.millis() % base.millis() != 0) {
            throw new IllegalArgumentException(target + " candles cannot be built from " + base + " candles");
        }
        this.symbol = symbol;
        this.target = target;
    }

    /**
     * Adds a base candle and returns the target candles it completed, oldest first: none, the
     * current bucket, or, after a gap that skipped into a later bucket, the pending partial bucket
     * (and the new one too if this candle alone completes it).
     */
    public List<Candle> add(Candle c) {
        List<Candle> done = new ArrayList<>(2);
        long start = target.floor(c.openTime());
        if (start != bucketStart) {
            if (bucketStart != Long.MIN_VALUE) {
                done.add(build());
            }
            bucketStart = start;
            open = c.open();
            high = c.high();
            low = c.low();
            volume = c.volume();
        } else {
            high = high.max(c.high());
            low = low.min(c.low());
            volume = volume.add(c.volume());
        }
        close = c.close();
        if (c.closeTime() == bucketStart + target.millis()) {
            done.add(build());
            bucketStart = Long.MIN_VALUE;
        }
        return done;
    }

    private Candle build() {
        return new Candle(symbol, target, bucketStart, open, high, low, close, volume);
    }
}
