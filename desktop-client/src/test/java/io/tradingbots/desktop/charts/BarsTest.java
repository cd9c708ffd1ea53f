package io.tradingbots.desktop.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decimation against a brute-force reference: every candle counted once, in the right column. */
class BarsTest {

    static CandleSeries randomWalk(int n, long seed) {
        Random r = new Random(seed);
        CandleSeries s = new CandleSeries(n);
        double price = 40_000;
        for (int i = 0; i < n; i++) {
            double open = price;
            double close = Math.max(1, open + r.nextGaussian() * 30);
            double high = Math.max(open, close) + r.nextDouble() * 20;
            double low = Math.min(open, close) - r.nextDouble() * 20;
            s.add(1_546_300_800_000L + i * 60_000L, open, high, low, close, r.nextDouble() * 5);
            price = close;
        }
        return s;
    }

    @Test
    void zoomedOutEachColumnAggregatesExactlyItsCandles() {
        CandleSeries s = randomWalk(100_000, 7);
        Bars bars = new Bars();
        Random r = new Random(3);
        for (int round = 0; round < 20; round++) {
            double width = 300 + r.nextInt(1_500);
            Viewport v = new Viewport(r.nextDouble() * 90_000, width * (1.5 + r.nextDouble() * 60), s.size());
            bars.compute(s, v, width);
            assertThat(bars.aggregated()).isTrue();
            assertThat(bars.size()).isLessThanOrEqualTo((int) Math.ceil(width));
            double[] high = new double[(int) Math.ceil(width)];
            double[] low = new double[high.length];
            double[] volume = new double[high.length];
            int[] first = new int[high.length];
            int[] last = new int[high.length];
            java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(first, -1);
            for (int i = 0; i < s.size(); i++) {
                double x = (i - v.first()) * width / v.span();
                int c = (int) Math.floor(x);
                if (c < 0 || c >= high.length) {
                    continue;
                }
                high[c] = Math.max(high[c], s.high(i));
                low[c] = Math.min(low[c], s.low(i));
                volume[c] += s.volume(i);
                if (first[c] < 0) {
                    first[c] = i;
                }
                last[c] = i;
            }
            int b = 0;
            double lowest = Double.POSITIVE_INFINITY;
            double maxVolume = 0;
            for (int c = 0; c < high.length; c++) {
                if (first[c] < 0) {
                    continue;
                }
                assertThat(bars.x(b)).isEqualTo(c);
                assertThat(bars.high(b)).isEqualTo(high[c]);
                assertThat(bars.low(b)).isEqualTo(low[c]);
                assertThat(bars.open(b)).isEqualTo(s.open(first[c]));
                assertThat(bars.close(b)).isEqualTo(s.close(last[c]));
                assertThat(bars.lastIndex(b)).isEqualTo(last[c]);
                assertThat(bars.volume(b)).isCloseTo(volume[c], org.assertj.core.api.Assertions.within(1e-9));
                lowest = Math.min(lowest, low[c]);
                maxVolume = Math.max(maxVolume, bars.volume(b));
                b++;
            }
            assertThat(bars.size()).isEqualTo(b);
            assertThat(bars.lowest()).isEqualTo(lowest);
            assertThat(bars.maxVolume()).isEqualTo(maxVolume);
        }
    }

    @Test
    void zoomedInEveryVisibleCandleIsItsOwnBar() {
        CandleSeries s = randomWalk(1_000, 11);
        Viewport v = new Viewport(100.5, 50, s.size());
        Bars bars = new Bars().compute(s, v, 1_000);
        assertThat(bars.aggregated()).isFalse();
        assertThat(bars.width()).isEqualTo(20);
        assertThat(bars.size()).isEqualTo(51); // 100 (half visible) .. 150
        for (int b = 0; b < bars.size(); b++) {
            int i = 100 + b;
            assertThat(bars.x(b)).isEqualTo((i - 100.5) * 20);
            assertThat(bars.open(b)).isEqualTo(s.open(i));
            assertThat(bars.high(b)).isEqualTo(s.high(i));
            assertThat(bars.low(b)).isEqualTo(s.low(i));
            assertThat(bars.close(b)).isEqualTo(s.close(i));
        }
    }

    @Test
    void anEmptySeriesHasNoBars() {
        Bars bars = new Bars().compute(new CandleSeries(), new Viewport(0, 1, 0), 800);
        assertThat(bars.size()).isZero();
    }
}
