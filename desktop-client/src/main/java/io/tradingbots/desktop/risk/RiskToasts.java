package io.tradingbots.desktop.risk;

import io.tradingbots.api.v1.HaltKind;
import io.tradingbots.api.v1.RiskState;
import java.util.Optional;

/** Which changes of the risk picture deserve a notification: a halt (manual or daily stop), a resume, entries stopping. */
public final class RiskToasts {

    private RiskToasts() {}

    public static Optional<String> between(RiskState before, RiskState now) {
        if (before == null || now == null) {
            return Optional.empty();
        }
        if (!before.getHalted() && now.getHalted()) {
            if (now.getHalt().getKind() == HaltKind.HALT_KIND_DAILY_LOSS) {
                return Optional.of("Daily loss limit reached: trading halted. " + now.getHalt().getReason());
            }
            return Optional.of("Trading halted by " + now.getHalt().getHaltedBy() + ": " + now.getHalt().getReason());
        }
        if (before.getHalted() && !now.getHalted()) {
            return Optional.of("Trading resumed.");
        }
        if (!now.getHalted() && before.getEntriesBlocked().isEmpty() && !now.getEntriesBlocked().isEmpty()) {
            return Optional.of("New entries stopped: " + now.getEntriesBlocked());
        }
        return Optional.empty();
    }
}
