package io.tradingbots.engine.order;

/**
 * Where an order is in its life. INTENT (decided, not sent) → SUBMITTED (about to be sent, outcome
 * unknown until the venue answers) → ACKNOWLEDGED (the venue has it) → PARTIALLY_FILLED → FILLED,
 * or CANCELLED / REJECTED. The last three are final.
 */
public enum OrderState {
    INTENT, SUBMITTED, ACKNOWLEDGED, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED;

    public boolean isFinal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }

    /** The venue knows the order (it acknowledged it, or filled some of it). */
    public boolean isAtVenue() {
        return this == ACKNOWLEDGED || this == PARTIALLY_FILLED;
    }
}
