package io.tradingbots.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RiskLimitsTest {

    private static RiskLimits limits(String daily, String buffer, String dd, String coin, String total, String max, int rate, String min) {
        return new RiskLimits(new BigDecimal(daily), new BigDecimal(buffer), new BigDecimal(dd), new BigDecimal(coin), new BigDecimal(total),
                new BigDecimal(max), rate, new BigDecimal(min));
    }

    @Test
    void defaultsAreTenPercentADayWithEntriesStoppingAtEight() {
        RiskLimits d = RiskLimits.defaults();
        assertThat(d.dailyLossPercent()).isEqualByComparingTo("10");
        assertThat(d.entryStopPercent()).isEqualByComparingTo("8");
    }

    @Test
    void limitsThatMakeNoSenseAreRefusedWithTheirName() {
        assertThatThrownBy(() -> limits("-1", "0", "25", "50", "100", "1000", 10, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("daily loss limit cannot be negative, got -1%");
        assertThatThrownBy(() -> limits("10", "2", "101", "50", "100", "1000", 10, "1"))
                .hasMessage("per-bot drawdown limit cannot be above 100%, got 101%");
        assertThatThrownBy(() -> limits("10", "12", "25", "50", "100", "1000", 10, "1"))
                .hasMessageStartingWith("the entry buffer (12%) must be smaller than the daily loss limit (10%)");
        assertThatThrownBy(() -> limits("10", "10", "25", "50", "100", "1000", 10, "1"))
                .hasMessageStartingWith("the entry buffer (10%) must be smaller");
        assertThatThrownBy(() -> limits("0", "0", "25", "50", "100", "1000", 10, "1"))
                .hasMessage("daily loss limit must be above 0%, got 0%");
        assertThatThrownBy(() -> limits("10", "2", "25", "60", "50", "1000", 10, "1"))
                .hasMessage("exposure per coin (60%) cannot exceed total exposure (50%)");
        assertThatThrownBy(() -> limits("10", "2", "25", "50", "100", "1000", 0, "1"))
                .hasMessage("orders per minute must be in 1..10000, got 0");
        assertThatThrownBy(() -> limits("10", "2", "25", "50", "100", "5", 10, "10"))
                .hasMessageStartingWith("min order notional (10) is larger than max order notional (5)");
        assertThatThrownBy(() -> limits("10", "2", "25", "50", "100", "-5", 10, "0"))
                .hasMessage("max order notional must be positive, got -5");
    }

    @Test
    void loosenedByListsOnlyTheLimitsThatGetMorePermissive() {
        RiskLimits now = RiskLimits.defaults();
        RiskLimits tighter = limits("5", "2", "20", "40", "90", "50000", 10, "20");
        assertThat(now.loosenedBy(tighter)).isEmpty();
        RiskLimits mixed = limits("15", "2", "20", "40", "90", "50000", 10, "5");
        assertThat(mixed.loosenedBy(now)).isNotEmpty();
        assertThat(now.loosenedBy(mixed)).containsExactly("daily loss limit 10% → 15%", "entries stop at 8% → 13% of loss",
                "min order notional 10 → 5");
        // A smaller buffer lets entries go on longer: looser.
        assertThat(now.loosenedBy(limits("10", "1", "25", "50", "100", "100000", 30, "10")))
                .containsExactly("entries stop at 8% → 9% of loss");
    }
}
