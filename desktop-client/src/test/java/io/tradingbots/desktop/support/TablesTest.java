package io.tradingbots.desktop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The numbers numeric columns sort by, read back from formatted text. */
class TablesTest {

    @Test
    void formattedMoneyPercentAndQuantitiesSortAsNumbers() {
        assertThat(Tables.number("$1,234.50")).isEqualByComparingTo("1234.50");
        assertThat(Tables.number("-$12.50")).isEqualByComparingTo("-12.50");
        assertThat(Tables.number("+$10.25")).isEqualByComparingTo("10.25");
        assertThat(Tables.number("45%")).isEqualByComparingTo("45");
        assertThat(Tables.number("0.00012345")).isEqualByComparingTo(new BigDecimal("0.00012345"));
        assertThat(Tables.number(Formats.MISSING)).isNull();
        assertThat(Tables.number(null)).isNull();
    }
}
