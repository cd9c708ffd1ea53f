package io.tradingbots.desktop.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EquityCsvTest {

    @Test
    void readsTheEnginesEquityExportExactly() {
        List<EquityRow> rows = EquityCsv.parse("time,price,cash,position,equity\n"
                + "2026-11-24T10:00:00Z,52000.5,2400.25,0.05,5000.275\n"
                + "2026-11-24T11:00:00Z,52100,2400.25,0.05,5005.25\n");

        assertThat(rows).containsExactly(
                new EquityRow(Instant.parse("2026-11-24T10:00:00Z").toEpochMilli(), new BigDecimal("52000.5"), new BigDecimal("5000.275")),
                new EquityRow(Instant.parse("2026-11-24T11:00:00Z").toEpochMilli(), new BigDecimal("52100"), new BigDecimal("5005.25")));
    }

    @Test
    void aHeaderAloneIsAnEmptyCurve() {
        assertThat(EquityCsv.parse("time,price,cash,position,equity\n")).isEmpty();
    }

    @Test
    void anythingElseIsRefusedWithTheLine() {
        assertThatThrownBy(() -> EquityCsv.parse("")).hasMessage("equity export is empty (no header line)");
        assertThatThrownBy(() -> EquityCsv.parse("time,side,quantity,price\n"))
                .hasMessage("equity export has no 'equity' column (header: time,side,quantity,price)");
        assertThatThrownBy(() -> EquityCsv.parse("time,price,equity\n2026-11-24T10:00:00Z,1,abc\n"))
                .hasMessage("equity export line 2: equity 'abc' is not a number");
        assertThatThrownBy(() -> EquityCsv.parse("time,price,equity\n2026-11-24 10:00,1,2\n"))
                .hasMessage("equity export line 2: '2026-11-24 10:00' is not an ISO-8601 time");
        assertThatThrownBy(() -> EquityCsv.parse("time,price,equity\n2026-11-24T10:00:00Z,1\n"))
                .hasMessage("equity export line 2: 2 fields, the header has 3");
        assertThatThrownBy(() -> EquityCsv.parse("time,price,equity\n2026-11-24T10:00:00Z,1,2\n2026-11-24T09:00:00Z,1,2\n"))
                .hasMessage("equity export line 3: time 2026-11-24T09:00:00Z goes backwards");
        assertThatThrownBy(() -> EquityCsv.parse("time,price,equity\n2026-11-24T10:00:00Z,1,2\n\n2026-11-24T11:00:00Z,1,2\n"))
                .hasMessage("equity export line 3: 1 fields, the header has 3");
    }
}
