package io.tradingbots.desktop.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmaTest {

    @Test
    void meansOfTheLastPeriodValuesByHand() {
        double[] sma = Sma.of(new double[] {1, 2, 3, 4, 10, 0}, 3);
        assertThat(sma[0]).isNaN();
        assertThat(sma[1]).isNaN();
        assertThat(sma[2]).isEqualTo(2);
        assertThat(sma[3]).isEqualTo(3);
        assertThat(sma[4]).isEqualTo(17.0 / 3);
        assertThat(sma[5]).isEqualTo(14.0 / 3);
        assertThat(Sma.of(new double[] {5, 7}, 1)).containsExactly(5, 7);
        assertThat(java.util.Arrays.stream(Sma.of(new double[] {5, 7}, 3)).allMatch(Double::isNaN)).isTrue();
        assertThatThrownBy(() -> Sma.of(new double[] {1}, 0)).hasMessageContaining("at least 1");
    }
}
