package io.tradingbots.engine.history;

import io.tradingbots.engine.market.Candle;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A range of one series in memory, column by column: open times and each decimal as its unscaled
 * long and scale (a value too large for that is kept as a BigDecimal aside). About 53 bytes a
 * candle instead of about 250 for a list of {@link Candle}s, so a million candles read in well
 * under a second without stressing the heap; every value is still exact.
 */
public final class CandleColumns {

    private static final byte BIG = Byte.MIN_VALUE;

    private final SeriesKey key;
    private int size;
    private long[] openTimes;
    private long[] unscaled; // 5 per candle: open, high, low, close, volume
    private byte[] scales;
    private final Map<Integer, BigDecimal> big = new HashMap<>();

    CandleColumns(SeriesKey key, int capacity) {
        this.key = key;
        int c = Math.max(16, capacity);
        openTimes = new long[c];
        unscaled = new long[c * 5];
        scales = new byte[c * 5];
    }

    public SeriesKey key() {
        return key;
    }

    public int size() {
        return size;
    }

    public long openTime(int i) {
        return openTimes[check(i)];
    }

    public BigDecimal open(int i) {
        return value(check(i) * 5);
    }

    public BigDecimal high(int i) {
        return value(check(i) * 5 + 1);
    }

    public BigDecimal low(int i) {
        return value(check(i) * 5 + 2);
    }

    public BigDecimal close(int i) {
        return value(check(i) * 5 + 3);
    }

    public BigDecimal volume(int i) {
        return value(check(i) * 5 + 4);
    }

    /**
     * Value {@code k} (0 open, 1 high, 2 low, 3 close, 4 volume) of candle {@code i} as the double
     * nearest to the exact decimal (the same double as {@code BigDecimal.doubleValue()}).
     */
    public double doubleValue(int i, int k) {
        int at = check(i) * 5 + k;
        byte s = scales[at];
        long u = unscaled[at];
        if (s >= 0 && s <= 22 && Math.abs(u) < (1L << 53)) {
            return s == 0 ? u : u / POW10[s]; // both exact doubles: IEEE division rounds once, correctly
        }
        return value(at).doubleValue();
    }

    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int k = 0; k < POW10.length; k++) {
            POW10[k] = p;
            p *= 10;
        }
    }

    public Candle candle(int i) {
        return new Candle(key.symbol(), key.timeframe(), openTime(i), open(i), high(i), low(i), close(i), volume(i));
    }

    /**
     * Value {@code k} (0 open, 1 high, 2 low, 3 close, 4 volume) of candle {@code i} as its unscaled
     * long, without building a BigDecimal; only when {@link #fitsLong} is true.
     */
    public long unscaled(int i, int k) {
        return unscaled[check(i) * 5 + k];
    }

    /** The scale that goes with {@link #unscaled}. */
    public int scale(int i, int k) {
        return scales[check(i) * 5 + k];
    }

    /** False for the rare value whose unscaled form needs more than 63 bits (kept as a BigDecimal). */
    public boolean fitsLong(int i, int k) {
        return scales[check(i) * 5 + k] != BIG;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("candle " + i + " of " + size);
        }
        return i;
    }

    private BigDecimal value(int at) {
        return scales[at] == BIG ? big.get(at) : BigDecimal.valueOf(unscaled[at], scales[at]);
    }

    /** Appends a candle's open time; its five values follow through {@link #put}. */
    void add(long openTime) {
        if (size == openTimes.length) {
            int c = size * 2;
            openTimes = Arrays.copyOf(openTimes, c);
            unscaled = Arrays.copyOf(unscaled, c * 5);
            scales = Arrays.copyOf(scales, c * 5);
        }
        openTimes[size++] = openTime;
    }

    /** Value {@code k} (0 open .. 4 volume) of the last added candle. */
    void put(int k, long unscaledValue, int scale) {
        int at = (size - 1) * 5 + k;
        if (scale > Byte.MAX_VALUE || scale <= BIG) {
            putBig(k, BigDecimal.valueOf(unscaledValue, scale));
            return;
        }
        unscaled[at] = unscaledValue;
        scales[at] = (byte) scale;
    }

    void putBig(int k, BigDecimal value) {
        int at = (size - 1) * 5 + k;
        scales[at] = BIG;
        big.put(at, value);
    }

    /** Drops the last added candle (outside the asked range). */
    void dropLast() {
        size--;
    }
}
