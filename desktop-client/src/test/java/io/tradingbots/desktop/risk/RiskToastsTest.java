package io.tradingbots.desktop.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.api.v1.Halt;
import io.tradingbots.api.v1.HaltKind;
import io.tradingbots.api.v1.RiskState;
import org.junit.jupiter.api.Test;

/** Which risk changes are announced, and which are not repeated every second. */
class RiskToastsTest {

    private static final RiskState TRADING = RiskState.newBuilder().setEquity("1000").build();
    private static final RiskState BUFFER = TRADING.toBuilder()
            .setEntriesBlocked("daily loss 8.1% is within 2 points of the 10% limit: no new entries").build();
    private static final RiskState HALTED = TRADING.toBuilder().setHalted(true).setEntriesBlocked("trading is halted")
            .setHalt(Halt.newBuilder().setKind(HaltKind.HALT_KIND_MANUAL).setHaltedBy("bob").setReason("fat finger")).build();

    @Test
    void changesAreAnnouncedOnce() {
        assertThat(RiskToasts.between(null, HALTED)).as("the first picture is no change").isEmpty();
        assertThat(RiskToasts.between(TRADING, HALTED)).contains("Trading halted by bob: fat finger");
        assertThat(RiskToasts.between(HALTED, HALTED)).isEmpty();
        assertThat(RiskToasts.between(HALTED, TRADING)).contains("Trading resumed.");
        assertThat(RiskToasts.between(TRADING, BUFFER))
                .contains("New entries stopped: daily loss 8.1% is within 2 points of the 10% limit: no new entries");
        assertThat(RiskToasts.between(BUFFER, BUFFER.toBuilder().setEquity("990").build())).isEmpty();
        assertThat(RiskToasts.between(TRADING, TRADING.toBuilder().setEquity("1001").build())).isEmpty();
    }
}
