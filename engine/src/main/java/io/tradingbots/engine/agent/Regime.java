package io.tradingbots.engine.agent;

/** What a market is doing, as the agent labels it. */
public enum Regime {
    /** Not enough candles yet to say. */
    UNKNOWN("unknown"),
    TRENDING_UP("trending up"),
    TRENDING_DOWN("trending down"),
    RANGING("ranging"),
    HIGH_VOLATILITY("in high volatility");

    private final String words;

    Regime(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
