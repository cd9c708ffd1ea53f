package io.tradingbots.engine.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveCandleMarketTest {

    static final long T0 = 1_700_000_040_000L - 1_700_000_040_000L % 60_000;

    private static Candle candle(String symbol, long openTime) {
        BigDecimal p = BigDecimal.valueOf(openTime / 60_000 % 1000 + 100);
        return new Candle(symbol, Timeframe.M1, openTime, p, p, p, p, BigDecimal.ONE);
    }

    /** Candles closed by the clock, as an exchange would serve them; can be made to fail. */
    private static LiveCandleMarket.Feed feed(AtomicLong now, AtomicBoolean down) {
        return (symbol, start, end) -> {
            if (down.get()) {
                throw new IllegalStateException("HTTP 503");
            }
            List<Candle> out = new ArrayList<>();
            for (long t = start; t < end && t + 60_000 <= now.get(); t += 60_000) {
                out.add(candle(symbol, t));
            }
            return out;
        };
    }

    @Test
    void deliversEachClosedCandleOnceInOrderAcrossAFailedPoll() {
        AtomicLong now = new AtomicLong(T0 + 30_000);
        AtomicBoolean down = new AtomicBoolean();
        LiveCandleMarket m = new LiveCandleMarket(feed(now, down), List.of("BTC/USD"), "live test", now::get, 1_000);
        assertThat(m.history("BTC/USD")).hasSize(LiveCandleMarket.WARM_UP_CANDLES);
        assertThat(m.history("BTC/USD").get(LiveCandleMarket.WARM_UP_CANDLES - 1).openTime()).isEqualTo(T0 - 60_000);
        List<Candle> got = new ArrayList<>();
        List<PriceTick> ticks = new ArrayList<>();
        MarketListener l = new MarketListener() {
            @Override
            public void onPrice(PriceTick tick) {
                ticks.add(tick);
            }

            @Override
            public void onCandle(Candle c) {
                got.add(c);
            }
        };
        m.poll(l);
        assertThat(got).isEmpty(); // nothing closed since the warm-up
        now.addAndGet(2 * 60_000);
        down.set(true);
        m.poll(l);
        assertThat(got).isEmpty();
        assertThat(m.status()).contains("exchange not answering").contains("503");
        down.set(false);
        m.poll(l);
        m.poll(l);
        assertThat(got).extracting(Candle::openTime).containsExactly(T0, T0 + 60_000);
        assertThat(ticks).extracting(PriceTick::time).containsExactly(T0 + 60_000, T0 + 120_000);
        assertThat(m.status()).isEqualTo("running");
        assertThat(m.lastEventWallMillis()).isPositive();
    }
}
