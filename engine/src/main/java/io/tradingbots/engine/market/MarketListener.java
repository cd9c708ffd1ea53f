package io.tradingbots.engine.market;

/** Receives a market source's events, in market-time order, on the source's own thread. */
public interface MarketListener {

    void onPrice(PriceTick tick);

    /** A candle of the source's base timeframe has closed. */
    void onCandle(Candle candle);

    /** The source has nothing more to send (a replay reached its end). */
    default void onFinished() {}
}
