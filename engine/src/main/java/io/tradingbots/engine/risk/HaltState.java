package io.tradingbots.engine.risk;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Why trading is halted. A {@link Kind#DAILY_LOSS} halt ends by itself at the next UTC day; a
 * {@link Kind#MANUAL} one only with a resume. {@code day} is the UTC day the halt began.
 */
public record HaltState(Kind kind, String reason, String by, Instant since, LocalDate day) {

    public enum Kind { MANUAL, DAILY_LOSS }
}
