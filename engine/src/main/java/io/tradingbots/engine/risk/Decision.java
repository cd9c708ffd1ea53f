package io.tradingbots.engine.risk;

import java.math.BigDecimal;

/**
 * The risk manager's answer to one order: approve it as asked, shrink it to {@code quantity}, or
 * refuse it. {@code limit} names the limit that shrank or refused it (null on approval);
 * {@code reason} says the same in plain words.
 */
public record Decision(Verdict verdict, BigDecimal quantity, Limit limit, String reason) {

    public enum Verdict { APPROVE, SHRINK, REFUSE }

    /** The limits an order can run into. */
    public enum Limit {
        HALTED("trading halted"),
        DAILY_LOSS("daily loss limit"),
        DAILY_LOSS_BUFFER("daily loss buffer"),
        BOT_DRAWDOWN("per-bot drawdown"),
        COIN_EXPOSURE("exposure per coin"),
        TOTAL_EXPOSURE("total exposure"),
        ORDER_SIZE("order size"),
        ORDER_RATE("orders per minute"),
        MIN_NOTIONAL("minimum notional"),
        NO_PRICE("no price");

        private final String words;

        Limit(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    static Decision approve(BigDecimal quantity, String reason) {
        return new Decision(Verdict.APPROVE, quantity, null, reason);
    }

    static Decision shrink(BigDecimal quantity, Limit limit, String reason) {
        return new Decision(Verdict.SHRINK, quantity, limit, reason);
    }

    static Decision refuse(Limit limit, String reason) {
        return new Decision(Verdict.REFUSE, BigDecimal.ZERO, limit, reason);
    }

    public boolean allowed() {
        return verdict != Verdict.REFUSE;
    }
}
