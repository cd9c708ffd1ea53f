package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Candle;
import java.util.Optional;

/**
 * Where the arbitrage bot reads the second venue's price: the candle of the same pair, timeframe
 * and open time as the first venue's. Called on the market thread, so it answers from memory and
 * never waits on the network; empty means the venue has no such candle (yet), and the bot does
 * not decide on that bar.
 */
public interface SecondVenue extends AutoCloseable {

    /** The second venue's candle with {@code first}'s symbol, timeframe and open time, if it has it now. */
    Optional<Candle> candle(Candle first);

    /** Why {@link #candle} may be empty, for a bot's status: "Kraken (last error: ...)". */
    String description();

    /** The venue's own feeds and their last candles at wall-clock {@code nowMs}, for the health report; none by default. */
    default java.util.List<io.tradingbots.engine.market.FeedStatus> feeds(long nowMs) {
        return java.util.List.of();
    }

    @Override
    default void close() {}
}
