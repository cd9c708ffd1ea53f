package io.tradingbots.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.agent.AllocationPolicy.Change;
import io.tradingbots.engine.agent.AllocationPolicy.Slot;
import io.tradingbots.engine.agent.AllocationPolicy.Style;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AllocationPolicyTest {

    private static final long HOUR = 3_600_000L;
    private final AtomicBoolean restricting = new AtomicBoolean();

    private AllocationPolicy policy(double momentumCap) {
        return new AllocationPolicy(List.of(
                new Slot("scalp-eth", "scalp", Style.SCALP, "ETH/USD", 40, 25),
                new Slot("mom-eth", "momentum", Style.MOMENTUM, "ETH/USD", momentumCap, 25),
                new Slot("hedge", "hedge", Style.HEDGE, "ETH/USD", 30, 25),
                new Slot("core", "core", Style.NEUTRAL, "ETH/USD", 30, 25)), 7, 12, restricting::get);
    }

    private static RegimeReading reading(Regime regime, int candles, double volPercentile) {
        long since = 0;
        return new RegimeReading("ETH/USD", since + candles * HOUR, regime, 18, 0.12, 0.01, 0.4, volPercentile, 3.5, since, candles);
    }

    @Test
    void aRangingMarketMovesCapitalToScalpingGraduallyAndSaysWhy() {
        AllocationPolicy p = policy(40);
        assertThat(p.onReading(reading(Regime.RANGING, 11, 20))).as("a regime must hold 12 candles first").isEmpty();
        Change c = p.onReading(reading(Regime.RANGING, 36, 20)).orElseThrow();
        // Targets by score (scalp 3, momentum 1, hedge 0.5, core 1 of 5.5): scalp 54.5% > its 40% cap, so 40%, and the
        // other 60% by 1 : 0.5 : 1 = momentum 24%, hedge 12%, core 24%. Scalp is furthest (+15): it moves 7 points,
        // the others 7/15 of their way: momentum 24.53%, hedge 18.93%, core 24.53%.
        assertThat(c.reason()).isEqualTo("ETH/USD ranging for 36 h, volatility in 20th percentile: scalp 25% → 32%,"
                + " momentum 25% → 24.5%, core 25% → 24.5%, hedge 25% → 18.9%");
        assertThat(c.after().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.05));
        for (int i = 0; i < 12; i++) {
            assertThat(p.onReading(reading(Regime.RANGING, 37 + i, 20))).as("cool-down: 12 readings after a change").isEmpty();
        }
        assertThat(p.onReading(reading(Regime.RANGING, 49, 20))).isPresent();
        for (int i = 0; i < 60; i++) {
            p.onReading(reading(Regime.RANGING, 50 + i, 20));
        }
        assertThat(p.weights().get("scalp-eth")).as("within the 2-point dead band of its 40% target").isBetween(38.0, 40.0);
        assertThat(p.onReading(reading(Regime.RANGING, 200, 20))).as("at the target: nothing more to do").isEmpty();
    }

    @Test
    void neverAboveACapAndNeverWhileTheRiskManagerIsRestricting() {
        AllocationPolicy p = policy(28);
        restricting.set(true);
        assertThat(p.onReading(reading(Regime.TRENDING_UP, 48, 60))).isEmpty();
        restricting.set(false);
        Optional<Change> c = p.onReading(reading(Regime.TRENDING_UP, 48, 60));
        assertThat(c).isPresent();
        for (int i = 0; i < 200; i++) {
            p.onReading(reading(Regime.TRENDING_UP, 49 + i, 60));
            assertThat(p.weights().get("mom-eth")).isLessThanOrEqualTo(28.0);
        }
        assertThat(p.weights().get("mom-eth")).isEqualTo(28.0);
        Change vol = p.onReading(reading(Regime.HIGH_VOLATILITY, 12, 95)).orElseThrow();
        assertThat(vol.reason()).startsWith("ETH/USD in high volatility for 12 h, volatility in 95th percentile: hedge ");
        assertThat(vol.after().get("hedge")).isGreaterThan(vol.before().get("hedge"));
    }

    @Test
    void smallGapsToTheTargetMoveNothingAndManyChangesKeepTheTotalExactly() {
        AllocationPolicy p = new AllocationPolicy(List.of(
                new Slot("scalp-eth", "scalp", Style.SCALP, "ETH/USD", 40, 26),
                new Slot("mom-eth", "momentum", Style.MOMENTUM, "ETH/USD", 40, 25),
                new Slot("core", "core", Style.NEUTRAL, "ETH/USD", 40, 24)), 3, 12, restricting::get);
        // UNKNOWN scores everyone 1: the targets are 25/25/25, at most 1 point away, inside the 2-point dead band
        assertThat(p.onReading(new RegimeReading("ETH/USD", 20 * HOUR, Regime.UNKNOWN, 18, 0.1, 0, 0.4, 50, 3, 0, 20))).isEmpty();
        assertThat(p.weights()).containsEntry("scalp-eth", 26.0).containsEntry("core", 24.0);
        // regimes that alternate for a long time: the weights always add up to the 75% they started with, to the cent
        int changes = 0;
        for (int i = 0; i < 2_000; i++) {
            Regime r = (i / 40) % 3 == 0 ? Regime.RANGING : (i / 40) % 3 == 1 ? Regime.TRENDING_UP : Regime.HIGH_VOLATILITY;
            if (p.onReading(new RegimeReading("ETH/USD", (100 + i) * HOUR, r, 18, 0.1, 0, 0.4, 50, 3, 0, 12 + i % 40)).isPresent()) {
                changes++;
            }
            assertThat(p.weights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(75, org.assertj.core.data.Offset.offset(1e-9));
        }
        // one change at most every 13 readings
        assertThat(changes).isPositive().isLessThanOrEqualTo(2_000 / 13 + 1);
    }
}
