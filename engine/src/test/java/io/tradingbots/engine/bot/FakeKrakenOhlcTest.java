package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.bench.FakeKrakenOhlc;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Kraken fake of {@code tb bench footprint} speaks what KrakenVenue (XChange's Kraken client) reads. */
class FakeKrakenOhlcTest {

    @Test
    void theKrakenFakeSpeaksWhatKrakenVenueReads() throws Exception {
        try (FakeKrakenOhlc fake = new FakeKrakenOhlc(); KrakenVenue venue = new KrakenVenue(fake.url(), Map.of("ETH/USD", Set.of(Timeframe.M1)),
                10_000, 5_000, System::currentTimeMillis)) {
            venue.pollOnce();
            long minute = System.currentTimeMillis() / 60_000 * 60_000 - 120_000; // a minute that is over
            BigDecimal one = BigDecimal.ONE;
            Candle k = venue.candle(new Candle("ETH/USD", Timeframe.M1, minute, one, one, one, one, one)).orElseThrow();
            long base = 3_000_000_000L + Math.floorMod(minute / 60_000 * 7919L + "ETHUSD".hashCode(), 1_000_000_000L) + 3_000;
            assertThat(k.open()).isEqualTo(BigDecimal.valueOf(base, 5));
            assertThat(k.close()).isEqualTo(BigDecimal.valueOf(base + 1_111, 5));
            assertThat(fake.calls.get()).isEqualTo(1);
        }
    }
}
