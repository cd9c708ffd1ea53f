package io.tradingbots.desktop.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.api.v1.CandleChunk;
import org.junit.jupiter.api.Test;

class CandleSeriesTest {

    @Test
    void chunksBecomeDoublesOfTheExactValues() {
        CandleSeries s = new CandleSeries(2);
        s.add(CandleChunk.newBuilder().setPriceScale(8).setVolumeScale(3)
                .addOpenTimes(60_000).addOpen(4_300_001_000_000L).addHigh(4_310_000_000_000L).addLow(4_299_999_999_999L)
                .addClose(4_300_500_000_000L).addVolume(12_345)
                .addOpenTimes(120_000).addOpen(1).addHigh(2).addLow(1).addClose(2).addVolume(0).build());
        s.add(CandleChunk.newBuilder().setPriceScale(2).setVolumeScale(0)
                .addOpenTimes(180_000).addOpen(150).addHigh(151).addLow(149).addClose(150).addVolume(7).build());
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.open(0)).isEqualTo(43_000.01);
        assertThat(s.low(0)).isEqualTo(42_999.99999999);
        assertThat(s.volume(0)).isEqualTo(12.345);
        assertThat(s.high(1)).isEqualTo(0.00000002);
        assertThat(s.close(2)).isEqualTo(1.5);
        assertThat(s.priceDecimals()).isEqualTo(8);
        assertThat(s.indexAtOrBefore(59_999)).isEqualTo(-1);
        assertThat(s.indexAtOrBefore(60_000)).isZero();
        assertThat(s.indexAtOrBefore(179_999)).isEqualTo(1);
        assertThat(s.indexAtOrBefore(10_000_000)).isEqualTo(2);
    }

    @Test
    void malformedChunksAndUnorderedCandlesAreRefused() {
        CandleSeries s = new CandleSeries();
        assertThatThrownBy(() -> s.add(CandleChunk.newBuilder().addOpenTimes(1).addOpen(1).build()))
                .hasMessageContaining("different lengths");
        s.add(100, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> s.add(100, 1, 1, 1, 1, 1)).hasMessageContaining("not after");
    }
}
