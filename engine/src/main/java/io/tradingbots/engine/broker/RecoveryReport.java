package io.tradingbots.engine.broker;

import java.util.List;
import java.util.Map;

/**
 * What recovery did at start: {@code actions} (orders adopted, fills booked, orders closed),
 * {@code halted} (bot id → the alert that halted it) and {@code alerts} that belong to no bot
 * (an order of this journal at the venue that no bot owns, an unknown venue order).
 */
public record RecoveryReport(List<String> actions, Map<String, String> halted, List<String> alerts) {

    public RecoveryReport {
        actions = List.copyOf(actions);
        halted = Map.copyOf(halted);
        alerts = List.copyOf(alerts);
    }
}
