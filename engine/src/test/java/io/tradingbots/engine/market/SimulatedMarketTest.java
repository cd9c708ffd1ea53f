package io.tradingbots.engine.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {

    private static final long START = 1_700_000_000_000L - 1_700_000_000_000L % 300_000;
    private static final long TEN_DAYS = 10L * 86_400_000;

    @Test
    void sameSeedSamePathOtherSeedOtherPath() {
        List<Candle> a = new SimulatedMarket(7, 60, START, 86_400_000).history("BTC/USD");
        List<Candle> b = new SimulatedMarket(7, 600, START, 86_400_000).history("BTC/USD");
        List<Candle> c = new SimulatedMarket(8, 60, START, 86_400_000).history("BTC/USD");
        assertThat(a).isEqualTo(b); // speed changes the pace, not the path
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void candlesAreContiguousAndConsistent() {
        List<Candle> candles = new SimulatedMarket(1, 60, START, 86_400_000).history("ETH/USD");
        assertThat(candles).hasSize(1440);
        for (int i = 0; i < candles.size(); i++) {
            Candle k = candles.get(i);
            assertThat(k.low()).isLessThanOrEqualTo(k.open().min(k.close()));
            assertThat(k.high()).isGreaterThanOrEqualTo(k.open().max(k.close()));
            assertThat(k.volume().signum()).isPositive();
            if (i > 0) {
                assertThat(k.openTime() - candles.get(i - 1).openTime()).isEqualTo(60_000);
            }
        }
        assertThat(candles.get(candles.size() - 1).closeTime()).isEqualTo(START);
    }

    @Test
    void volatilityIsInTheRangeCryptoReallyShows() {
        // Annualised volatility of 1-minute log returns over ten simulated days, for several seeds.
        for (long seed = 1; seed <= 5; seed++) {
            List<Candle> candles = new SimulatedMarket(seed, 60, START, TEN_DAYS).history("BTC/USD");
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (int i = 1; i < candles.size(); i++) {
                double r = Math.log(candles.get(i).close().doubleValue() / candles.get(i - 1).close().doubleValue());
                sum += r;
                sumSq += r * r;
                n++;
            }
            double variance = sumSq / n - (sum / n) * (sum / n);
            double annualised = Math.sqrt(variance * 525_600);
            assertThat(annualised).as("seed %d", seed).isBetween(0.25, 1.5);
        }
    }

    @Test
    void ethMovesWithBtc() {
        SimulatedMarket m = new SimulatedMarket(3, 60, START, TEN_DAYS);
        List<Candle> btc = m.history("BTC/USD");
        List<Candle> eth = m.history("ETH/USD");
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 1; i < btc.size(); i++) {
            double x = Math.log(btc.get(i).close().doubleValue() / btc.get(i - 1).close().doubleValue());
            double y = Math.log(eth.get(i).close().doubleValue() / eth.get(i - 1).close().doubleValue());
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        assertThat(sxy / Math.sqrt(sxx * syy)).isBetween(0.6, 0.95);
    }
}
