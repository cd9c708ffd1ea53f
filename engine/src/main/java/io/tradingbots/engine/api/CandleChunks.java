package io.tradingbots.engine.api;

import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.engine.history.CandleColumns;

/**
 * Turns stored candle columns into {@link CandleChunk}s: every price of a chunk rescaled to the
 * chunk's largest price scale (volumes likewise), which is exact as long as the result fits a long.
 * A chunk ends early where the next candle would not fit; a candle that cannot fit on its own (a
 * value over 18 digits) is refused with IllegalStateException rather than sent rounded.
 */
final class CandleChunks {

    /** Candles per message: ~400 KB, well under gRPC's 4 MB default message limit. */
    static final int MAX = 10_000;

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private CandleChunks() {}

    /** Adds candles {@code from..} (at most {@code max}) to {@code out}; returns how many. */
    static int fill(CandleColumns c, int from, int max, CandleChunk.Builder out) {
        Scale prices = new Scale();
        Scale volumes = new Scale();
        int end = from;
        int limit = Math.min(c.size(), from + max);
        while (end < limit) {
            Scale p = prices.copy();
            Scale v = volumes.copy();
            if (!(p.accept(c, end, 0, 4) && v.accept(c, end, 4, 5))) {
                if (end == from) {
                    throw new IllegalStateException(c.key() + " candle at " + java.time.Instant.ofEpochMilli(c.openTime(end))
                            + " has a value too large for GetCandles (over 18 digits)");
                }
                break;
            }
            prices = p;
            volumes = v;
            end++;
        }
        out.setPriceScale(prices.scale).setVolumeScale(volumes.scale);
        for (int i = from; i < end; i++) {
            out.addOpenTimes(c.openTime(i))
                    .addOpen(prices.at(c, i, 0)).addHigh(prices.at(c, i, 1))
                    .addLow(prices.at(c, i, 2)).addClose(prices.at(c, i, 3))
                    .addVolume(volumes.at(c, i, 4));
        }
        return end - from;
    }

    /** One scale for a group of values, and the largest magnitude it has to hold. */
    private static final class Scale {
        int scale = Integer.MIN_VALUE;
        long maxAbs;

        Scale copy() {
            Scale s = new Scale();
            s.scale = scale;
            s.maxAbs = maxAbs;
            return s;
        }

        /** Takes values {@code kFrom..kTo-1} of candle {@code i}; false when they cannot share a long scale. */
        boolean accept(CandleColumns c, int i, int kFrom, int kTo) {
            int wanted = scale;
            for (int k = kFrom; k < kTo; k++) {
                if (!c.fitsLong(i, k)) {
                    return false;
                }
                wanted = Math.max(wanted, c.scale(i, k));
            }
            if (scale != Integer.MIN_VALUE) {
                long grown = times10(maxAbs, wanted - scale);
                if (grown < 0) {
                    return false;
                }
                maxAbs = grown;
            }
            scale = wanted;
            for (int k = kFrom; k < kTo; k++) {
                long v = times10(Math.abs(c.unscaled(i, k)), wanted - c.scale(i, k));
                if (v < 0) {
                    return false;
                }
                maxAbs = Math.max(maxAbs, v);
            }
            return true;
        }

        long at(CandleColumns c, int i, int k) {
            long u = c.unscaled(i, k);
            return u < 0 ? -times10(-u, scale - c.scale(i, k)) : times10(u, scale - c.scale(i, k));
        }

        /** {@code v} (not negative) × 10^{@code digits}, or -1 when that overflows. */
        private static long times10(long v, int digits) {
            if (v < 0) {
                return -1; // Long.MIN_VALUE has no positive counterpart
            }
            if (v == 0 || digits == 0) {
                return v;
            }
            if (digits >= POW10.length) {
                return -1;
            }
            long r = v * POW10[digits];
            return r / POW10[digits] == v ? r : -1;
        }
    }
}
