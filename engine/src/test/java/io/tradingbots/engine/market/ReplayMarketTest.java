package io.tradingbots.engine.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReplayMarketTest {

    private static List<Candle> candles(String symbol, Timeframe tf, int n, long start) {
        List<Candle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal p = BigDecimal.valueOf(100 + i);
            out.add(new Candle(symbol, tf, start + i * tf.millis(), p, p.add(BigDecimal.ONE), p, p.add(BigDecimal.ONE), BigDecimal.TEN));
        }
        return out;
    }

    @Test
    void playsEverySymbolInTimeOrderWithOpenThenCloseThenCandleAndFinishes() {
        long t0 = 1_600_000_000_000L;
        ReplayMarket replay = new ReplayMarket(Map.of("BTC/USD", candles("BTC/USD", Timeframe.M1, 50, t0),
                "ETH/USD", candles("ETH/USD", Timeframe.M1, 50, t0)), 60_000, "test replay");
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicBoolean finished = new AtomicBoolean();
        replay.start(new MarketListener() {
            @Override
            public void onPrice(PriceTick tick) {
                events.add("price " + tick.symbol() + " " + tick.price());
            }

            @Override
            public void onCandle(Candle candle) {
                events.add("candle " + candle.symbol() + " " + candle.openTime());
            }

            @Override
            public void onFinished() {
                finished.set(true);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).untilTrue(finished);
            assertThat(events).hasSize(2 * 50 * 3);
            assertThat(replay.status()).isEqualTo("replay finished (100 candles)");
            assertThat(replay.lastEventWallMillis()).isPositive();
            // the health report: each symbol's feed with its last candle's close (replayed time), age since delivery
            long now = System.currentTimeMillis();
            assertThat(replay.feeds(now)).extracting(FeedStatus::name).containsExactlyInAnyOrder("replay BTC/USD 1m", "replay ETH/USD 1m");
            assertThat(replay.feeds(now)).allSatisfy(f -> {
                assertThat(f.lastCloseMs()).isEqualTo(t0 + 50 * Timeframe.M1.millis());
                assertThat(f.ageMs()).isBetween(0L, now - replay.lastEventWallMillis() + 1_000);
                assertThat(f.expectedIntervalMs()).isEqualTo(1); // 1m at 60,000x
            });
            // per candle: its open price, its close price, then the candle; times never go back
            List<String> btc = events.stream().filter(e -> e.contains("BTC/USD")).toList();
            assertThat(btc.subList(0, 3)).containsExactly("price BTC/USD 100", "price BTC/USD 101", "candle BTC/USD " + t0);
            long last = 0;
            for (String e : events) {
                if (e.startsWith("candle")) {
                    long t = Long.parseLong(e.substring(e.lastIndexOf(' ') + 1));
                    assertThat(t).isGreaterThanOrEqualTo(last);
                    last = t;
                }
            }
        } finally {
            replay.close();
        }
    }

    @Test
    void beforeTheFirstCandleAFeedHasNoAge() {
        ReplayMarket replay = new ReplayMarket(Map.of("BTC/USD", candles("BTC/USD", Timeframe.H1, 3, 0)), 60, "x");
        assertThat(replay.feeds(1_000)).containsExactly(new FeedStatus("replay BTC/USD 1h", Timeframe.H1, 0, -1, 60_000));
        replay.close();
    }

    @Test
    void filesOfDifferentTimeframesCannotBeMixed() {
        assertThatThrownBy(() -> new ReplayMarket(Map.of("A", candles("A", Timeframe.M1, 3, 0),
                "B", candles("B", Timeframe.H1, 3, 0)), 1, "x")).hasMessageContaining("share one timeframe");
    }
}
