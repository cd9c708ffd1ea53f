package io.tradingbots.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    private final Strategies reg = Strategies.registry();

    @Test
    void theFiveStrategiesAreRegisteredWithDefaultsThatPassTheirOwnChecks() {
        assertThat(reg.names()).containsExactly("sma-cross", "scalp", "momentum", "arbitrage", "hedge");
        for (StrategyDef d : reg.all()) {
            Params p = reg.resolve(d.name(), Map.of());
            assertThat(p.asMap().keySet()).as(d.name())
                    .containsExactlyElementsOf(d.params().stream().map(ParamDef::name).toList());
        }
        assertThat(reg.resolve("sma-cross", Map.of("fast", "5", "slow", "20")).toString()).isEqualTo("fast=5 slow=20");
    }

    @Test
    void badNamesValuesAndCombinationsAreOneLineErrors() {
        assertThatThrownBy(() -> reg.resolve("smacross", Map.of())).hasMessage(
                "unknown strategy 'smacross': use one of [sma-cross, scalp, momentum, arbitrage, hedge]");
        assertThatThrownBy(() -> reg.resolve("sma-cross", Map.of("fats", "3")))
                .hasMessage("unknown parameter 'fats' for sma-cross: use [fast, slow]");
        assertThatThrownBy(() -> reg.resolve("sma-cross", Map.of("fast", "30", "slow", "30")))
                .hasMessage("sma-cross: fast=30 must be less than slow=30");
        assertThatThrownBy(() -> reg.resolve("sma-cross", Map.of("fast", "ten")))
                .hasMessage("sma-cross: fast=ten is not a whole number");
        assertThatThrownBy(() -> reg.resolve("sma-cross", Map.of("fast", "0")))
                .hasMessage("sma-cross: fast=0 is outside [1, 10000]");
        assertThatThrownBy(() -> reg.resolve("scalp", Map.of("takeProfit", "0.9")))
                .hasMessage("scalp: takeProfit=0.9 is outside [0.0001, 0.5]");
        assertThatThrownBy(() -> reg.resolve("arbitrage", Map.of("exitGap", "0.01", "threshold", "0.001")))
                .hasMessageContaining("exitGap=0.01 must be less than threshold=0.001");
        assertThatThrownBy(() -> reg.resolve("hedge", Map.of("base", "arbitrage")))
                .hasMessage("hedge: base=arbitrage is not one of [sma-cross, scalp, momentum]");
    }

    @Test
    void hedgeTakesItsBasesParametersAndChecksThem() {
        Params p = reg.resolve("hedge", Map.of("base", "momentum", "fast", "5", "trail", "0.1"));
        assertThat(p.text("base")).isEqualTo("momentum");
        assertThat(p.integer("fast")).isEqualTo(5);
        assertThat(p.decimal("trail")).isEqualTo(0.1);
        assertThatThrownBy(() -> reg.resolve("hedge", Map.of("base", "momentum", "fast", "60")))
                .hasMessage("momentum: fast=60 must be less than slow=48");
        assertThatThrownBy(() -> reg.resolve("hedge", Map.of("rsi", "5")))
                .hasMessageStartingWith("unknown parameter 'rsi' for hedge");
    }
}
