package io.tradingbots.engine.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandleAggregatorTest {

    static Candle m1(long minute, String o, String h, String l, String c, String v) {
        return new Candle("BTC/USD", Timeframe.M1, minute * 60_000, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l),
                new BigDecimal(c), new BigDecimal(v));
    }

    @Test
    void fiveOneMinuteCandlesMakeOneFiveMinuteCandle() {
        CandleAggregator agg = new CandleAggregator("BTC/USD", Timeframe.M1, Timeframe.M5);
        assertThat(agg.add(m1(0, "10", "12", "9", "11", "1"))).isEmpty();
        assertThat(agg.add(m1(1, "11", "15", "10", "14", "2"))).isEmpty();
        assertThat(agg.add(m1(2, "14", "14", "8", "9", "3"))).isEmpty();
        assertThat(agg.add(m1(3, "9", "10", "9", "10", "0.5"))).isEmpty();
        List<Candle> done = agg.add(m1(4, "10", "11", "10", "10.5", "0.25"));
        assertThat(done).containsExactly(new Candle("BTC/USD", Timeframe.M5, 0, new BigDecimal("10"), new BigDecimal("15"),
                new BigDecimal("8"), new BigDecimal("10.5"), new BigDecimal("6.75")));
    }

    @Test
    void aGapEmitsThePartialBucketAndStillCompletesTheNextOne() {
        CandleAggregator agg = new CandleAggregator("BTC/USD", Timeframe.M1, Timeframe.M5);
        agg.add(m1(0, "10", "12", "9", "11", "1"));
        agg.add(m1(1, "11", "13", "10", "12", "1"));
        // minutes 2..8 missing; minute 9 is the last minute of the 5..10 bucket
        List<Candle> done = agg.add(m1(9, "20", "21", "19", "20", "4"));
        assertThat(done).hasSize(2);
        assertThat(done.get(0).openTime()).isZero();
        assertThat(done.get(0).close()).isEqualByComparingTo("12");
        assertThat(done.get(1).openTime()).isEqualTo(5 * 60_000);
        assertThat(done.get(1).open()).isEqualByComparingTo("20");
    }

    @Test
    void refusesTimeframesThatCannotBeBuilt() {
        assertThatThrownBy(() -> new CandleAggregator("X", Timeframe.M5, Timeframe.M1)).hasMessageContaining("cannot be built");
    }
}
