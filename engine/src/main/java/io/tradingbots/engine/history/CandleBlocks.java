package io.tradingbots.engine.history;

import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The compact binary form of up to {@value #SLOTS} consecutive candle slots of one series (one
 * database row). Every decimal keeps its exact unscaled value and scale: what goes in comes out.
 * Layout (version 1): version byte, count, then per candle its slot number and five decimals,
 * each as a header {@code zigzag(scale) << 1 | isBig} and a zigzag varint (or length + bytes
 * when the unscaled value needs more than 63 bits). Candles are kept in slot order.
 */
final class CandleBlocks {

    /** Candle slots per block, whatever the timeframe. */
    static final int SLOTS = 1_000;
    private static final byte VERSION = 1;
    /** Slot and five compact decimals at most: 10 + 5 x (10 + 10) bytes. */
    private static final int MAX_CANDLE_BYTES = 112;

    private CandleBlocks() {}

    static long blockMillis(Timeframe tf) {
        return tf.millis() * SLOTS;
    }

    static long blockStart(Timeframe tf, long openTime) {
        return Math.floorDiv(openTime, blockMillis(tf)) * blockMillis(tf);
    }

    /** Encodes candles of one block, sorted by open time with distinct open times. */
    static byte[] encode(List<Candle> sorted, long blockStart) {
        Writer w = new Writer(16 + sorted.size() * 40);
        w.bytes[w.n++] = VERSION;
        w.ensure(10);
        w.varLong(sorted.size());
        for (Candle c : sorted) {
            w.ensure(MAX_CANDLE_BYTES);
            long slot = (c.openTime() - blockStart) / c.timeframe().millis();
            if (slot < 0 || slot >= SLOTS || (c.openTime() - blockStart) % c.timeframe().millis() != 0) {
                throw new IllegalArgumentException(c.symbol() + " candle at " + c.openTime() + " is not on a "
                        + c.timeframe() + " boundary of block " + blockStart);
            }
            w.varLong(slot);
            w.decimal(c.open());
            w.decimal(c.high());
            w.decimal(c.low());
            w.decimal(c.close());
            w.decimal(c.volume());
        }
        return Arrays.copyOf(w.bytes, w.n);
    }

    /** Decodes a block, giving each candle with open time in [from, to) to {@code sink}, ascending. */
    static void decode(byte[] data, SeriesKey key, long blockStart, long from, long to, Consumer<Candle> sink) {
        Reader r = new Reader(data);
        if (data.length == 0 || data[r.p++] != VERSION) {
            throw new IllegalStateException("candle block " + key + " @" + blockStart + " has an unknown format");
        }
        long count = r.varLong();
        long step = key.timeframe().millis();
        for (long i = 0; i < count; i++) {
            long openTime = blockStart + r.varLong() * step;
            BigDecimal o = r.decimal();
            BigDecimal h = r.decimal();
            BigDecimal l = r.decimal();
            BigDecimal c = r.decimal();
            BigDecimal v = r.decimal();
            if (openTime >= from && openTime < to) {
                sink.accept(new Candle(key.symbol(), key.timeframe(), openTime, o, h, l, c, v));
            }
        }
    }

    /** Decodes a block into columns, keeping candles with open time in [from, to). */
    static void decodeInto(byte[] data, long step, long blockStart, long from, long to, CandleColumns out) {
        Reader r = new Reader(data);
        r.p++;
        long count = r.varLong();
        for (long i = 0; i < count; i++) {
            long openTime = blockStart + r.varLong() * step;
            out.add(openTime);
            for (int k = 0; k < 5; k++) {
                long h = r.varLong();
                int scale = (int) Reader.unzigzag(h >>> 1);
                if ((h & 1) == 0) {
                    out.put(k, Reader.unzigzag(r.varLong()), scale);
                } else {
                    int len = (int) r.varLong();
                    out.putBig(k, new BigDecimal(new BigInteger(Arrays.copyOfRange(data, r.p, r.p + len)), scale));
                    r.p += len;
                }
            }
            if (openTime < from || openTime >= to) {
                out.dropLast();
            }
        }
    }

    /** Open times only, without building decimals. */
    static int openTimes(byte[] data, long step, long blockStart, long[] out, int at) {
        Reader r = new Reader(data);
        r.p++;
        long count = r.varLong();
        for (long i = 0; i < count; i++) {
            out[at++] = blockStart + r.varLong() * step;
            for (int k = 0; k < 5; k++) {
                r.skipDecimal();
            }
        }
        return at;
    }

    private static final class Writer {
        byte[] bytes;
        int n;

        Writer(int capacity) {
            bytes = new byte[capacity];
        }

        void ensure(int more) {
            if (n + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, n + more));
            }
        }

        /** Callers ensure room: {@link #MAX_CANDLE_BYTES} per candle. */
        void varLong(long v) {
            while ((v & ~0x7FL) != 0) {
                bytes[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[n++] = (byte) v;
        }

        void decimal(BigDecimal d) {
            BigInteger unscaled = d.unscaledValue();
            long zScale = zigzag(d.scale());
            if (unscaled.bitLength() < 63) {
                varLong(zScale << 1);
                varLong(zigzag(unscaled.longValue()));
            } else {
                byte[] b = unscaled.toByteArray();
                ensure(b.length + 20);
                varLong(zScale << 1 | 1);
                varLong(b.length);
                System.arraycopy(b, 0, bytes, n, b.length);
                n += b.length;
            }
        }

        private static long zigzag(long v) {
            return (v << 1) ^ (v >> 63);
        }
    }

    private static final class Reader {
        final byte[] b;
        int p;

        Reader(byte[] b) {
            this.b = b;
        }

        long varLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte x = b[p++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        BigDecimal decimal() {
            long h = varLong();
            int scale = (int) unzigzag(h >>> 1);
            if ((h & 1) == 0) {
                return BigDecimal.valueOf(unzigzag(varLong()), scale);
            }
            int len = (int) varLong();
            BigInteger unscaled = new BigInteger(Arrays.copyOfRange(b, p, p + len));
            p += len;
            return new BigDecimal(unscaled, scale);
        }

        void skipDecimal() {
            long h = varLong();
            long second = varLong();
            if ((h & 1) == 1) {
                p += (int) second;
            }
        }

        static long unzigzag(long v) {
            return (v >>> 1) ^ -(v & 1);
        }
    }
}
