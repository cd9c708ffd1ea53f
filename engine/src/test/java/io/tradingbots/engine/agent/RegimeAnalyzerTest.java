package io.tradingbots.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingbots.engine.history.CandleFileReader;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class RegimeAnalyzerTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** Hourly candles whose closes follow {@code close}, with highs and lows {@code spread} around them. */
    private static List<Candle> series(int n, IntToDoubleFunction close, double spread) {
        List<Candle> out = new ArrayList<>();
        double prev = close.applyAsDouble(0);
        for (int i = 0; i < n; i++) {
            double c = close.applyAsDouble(i);
            double hi = Math.max(prev, c) * (1 + spread);
            double lo = Math.min(prev, c) * (1 - spread);
            out.add(new Candle("ETH/USD", Timeframe.H1, T0 + i * 3_600_000L, bd(prev), bd(hi), bd(lo), bd(c), BigDecimal.ONE));
            prev = c;
        }
        return out;
    }

    private static BigDecimal bd(double v) {
        return BigDecimal.valueOf(Math.round(v * 100) / 100.0);
    }

    private static RegimeReading last(List<Candle> candles) {
        List<RegimeReading> all = readings(candles);
        return all.get(all.size() - 1);
    }

    private static List<RegimeReading> readings(List<Candle> candles) {
        RegimeAnalyzer a = new RegimeAnalyzer("ETH/USD", RegimeAnalyzer.Settings.defaults());
        List<RegimeReading> out = new ArrayList<>();
        for (Candle c : candles) {
            out.add(a.onCandle(c));
        }
        return out;
    }

    /** Share of the last {@code n} readings that carry {@code regime}. */
    private static double share(List<RegimeReading> rs, int n, Regime regime) {
        return rs.subList(rs.size() - n, rs.size()).stream().filter(r -> r.regime() == regime).count() / (double) n;
    }

    @Test
    void aSteadyRiseWithNoiseIsTrendingUpWithTheNumbersToShowIt() {
        SplittableRandom rnd = new SplittableRandom(1);
        double[] p = new double[400];
        p[0] = 2000;
        for (int i = 1; i < p.length; i++) {
            p[i] = p[i - 1] * (1.004 + rnd.nextDouble(-0.003, 0.003));
        }
        List<RegimeReading> rs = readings(series(p.length, i -> p[i], 0.001));
        RegimeReading r = rs.get(rs.size() - 1);
        assertThat(r.regime()).isEqualTo(Regime.TRENDING_UP);
        assertThat(r.adx()).isGreaterThan(25);
        assertThat(r.efficiencyRatio()).isGreaterThan(0.3);
        assertThat(r.slopePercentPerBar()).isBetween(0.3, 0.5);
        assertThat(share(rs, 300, Regime.TRENDING_UP)).isGreaterThan(0.75);
    }

    @Test
    void aSteadyFallIsTrendingDown() {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] p = new double[400];
        p[0] = 2000;
        for (int i = 1; i < p.length; i++) {
            p[i] = p[i - 1] * (0.996 + rnd.nextDouble(-0.003, 0.003));
        }
        RegimeReading r = last(series(p.length, i -> p[i], 0.001));
        assertThat(r.regime()).isEqualTo(Regime.TRENDING_DOWN);
        assertThat(r.slopePercentPerBar()).isNegative();
    }

    @Test
    void anOscillationInsideABandIsRanging() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<RegimeReading> rs = readings(series(400, i -> 2000 * (1 + 0.02 * Math.sin(i / 3.0) + rnd.nextDouble(-0.004, 0.004)), 0.001));
        // Volatility is steady here, so its own percentile is in the top decile about a tenth of the time, by definition.
        assertThat(share(rs, 300, Regime.RANGING)).isGreaterThan(0.8);
        assertThat(share(rs, 300, Regime.TRENDING_UP) + share(rs, 300, Regime.TRENDING_DOWN)).isLessThan(0.05);
        RegimeReading r = rs.get(rs.size() - 1);
        assertThat(r.efficiencyRatio()).isLessThan(0.3);
        assertThat(r.rangeWidthPercent()).isBetween(3.0, 6.0);
    }

    @Test
    void calmThenWildSwingsIsHighVolatilityInTheTopPercentiles() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] p = new double[420];
        p[0] = 2000;
        for (int i = 1; i < p.length; i++) {
            double amp = i < 400 ? 0.003 : 0.05;
            p[i] = p[i - 1] * (1 + rnd.nextDouble(-amp, amp));
        }
        RegimeReading r = last(series(p.length, i -> p[i], 0.001));
        assertThat(r.regime()).isEqualTo(Regime.HIGH_VOLATILITY);
        assertThat(r.volatilityPercentile()).isGreaterThanOrEqualTo(90);
        assertThat(r.numbers()).contains("percentile").contains("ADX");
    }

    @Test
    void tooFewCandlesIsUnknown() {
        assertThat(last(series(30, i -> 2000 + i, 0.001)).regime()).isEqualTo(Regime.UNKNOWN);
    }

    @Test
    void realEthHourlyCandlesGetEveryLabelAnd2018LooksLikeABearMarket() {
        Path file = Path.of("..", "..", "shared", "data", "market", "Binance_ETHUSDT_1h.csv").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(file), "real market data not found at " + file + ": test skipped (CI has ../shared)");
        List<Candle> candles = CandleFileReader.read(file, "ETH/USD", Timeframe.H1).candles();
        RegimeAnalyzer a = new RegimeAnalyzer("ETH/USD", RegimeAnalyzer.Settings.defaults());
        Map<Regime, Integer> all = new EnumMap<>(Regime.class);
        Map<Regime, Integer> in2018 = new EnumMap<>(Regime.class);
        long from2018 = Instant.parse("2018-01-15T00:00:00Z").toEpochMilli();
        long to2018 = Instant.parse("2018-12-15T00:00:00Z").toEpochMilli();
        for (Candle c : candles) {
            RegimeReading r = a.onCandle(c);
            all.merge(r.regime(), 1, Integer::sum);
            if (c.openTime() >= from2018 && c.openTime() < to2018) {
                in2018.merge(r.regime(), 1, Integer::sum);
            }
        }
        System.out.println("ETH/USD 1h regimes, all " + candles.size() + " candles: " + all + "; 2018: " + in2018);
        assertThat(all.keySet()).contains(Regime.TRENDING_UP, Regime.TRENDING_DOWN, Regime.RANGING, Regime.HIGH_VOLATILITY);
        // ETH fell from ~1,300 to ~90 in 2018: more hours trending down than up.
        assertThat(in2018.getOrDefault(Regime.TRENDING_DOWN, 0)).isGreaterThan(in2018.getOrDefault(Regime.TRENDING_UP, 0));
        // Ranging is the most common state of a market; high volatility about its percentile's share.
        assertThat(all.get(Regime.RANGING)).isGreaterThan(all.get(Regime.TRENDING_UP));
        assertThat(all.get(Regime.HIGH_VOLATILITY) / (double) candles.size()).isBetween(0.05, 0.2);
    }

    @Test
    void hysteresisKeepsALabelUntilTheLowerThresholdsAndFlipsLessOftenThanWithout() {
        Path file = Path.of("..", "..", "shared", "data", "market", "Binance_ETHUSDT_1h.csv").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(file), "real market data not found at " + file + ": test skipped (CI has ../shared)");
        List<Candle> candles = CandleFileReader.read(file, "ETH/USD", Timeframe.H1).candles();
        RegimeAnalyzer.Settings with = RegimeAnalyzer.Settings.defaults();
        RegimeAnalyzer.Settings without = new RegimeAnalyzer.Settings(20, 14, 500, 25, 0.30, 90, 25, 0.30, 90);
        RegimeAnalyzer a = new RegimeAnalyzer("ETH/USD", with);
        RegimeAnalyzer b = new RegimeAnalyzer("ETH/USD", without);
        int flipsWith = 0;
        int flipsWithout = 0;
        RegimeReading prevA = null;
        RegimeReading prevB = null;
        for (Candle c : candles) {
            RegimeReading ra = a.onCandle(c);
            RegimeReading rb = b.onCandle(c);
            if (prevA != null && ra.regime() != prevA.regime()) {
                flipsWith++;
                // entering a regime takes the entry thresholds
                if (ra.regime() == Regime.HIGH_VOLATILITY) {
                    assertThat(ra.volatilityPercentile()).isGreaterThanOrEqualTo(with.highVolPercentile());
                } else if (ra.regime() == Regime.TRENDING_UP || ra.regime() == Regime.TRENDING_DOWN) {
                    assertThat(ra.adx()).isGreaterThanOrEqualTo(with.trendAdx());
                    assertThat(ra.efficiencyRatio()).isGreaterThanOrEqualTo(with.trendEfficiency());
                }
            } else if (prevA != null && ra.regime() == Regime.TRENDING_UP && ra.volatilityPercentile() < with.highVolPercentile()) {
                // staying needs only the keep thresholds
                assertThat(ra.adx()).isGreaterThanOrEqualTo(with.keepTrendAdx());
                assertThat(ra.efficiencyRatio()).isGreaterThanOrEqualTo(with.keepTrendEfficiency());
            }
            if (prevB != null && rb.regime() != prevB.regime()) {
                flipsWithout++;
            }
            prevA = ra;
            prevB = rb;
        }
        System.out.println("ETH/USD 1h regime changes over " + candles.size() + " candles: " + flipsWith + " with hysteresis, "
                + flipsWithout + " without");
        assertThat(flipsWith).isLessThan(flipsWithout * 3 / 4);
    }

    @Test
    void keepThresholdsAboveEntryThresholdsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RegimeAnalyzer.Settings(20, 14, 500, 25, 0.30, 90, 30, 0.2, 75))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staying in a regime");
    }
}
