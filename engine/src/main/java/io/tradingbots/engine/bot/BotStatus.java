package io.tradingbots.engine.bot;

/** Life-cycle of a bot, as the API shows it. */
public enum BotStatus {
    STOPPED,
    WARMING_UP,
    RUNNING,
    PAUSED,
    HALTED
}
