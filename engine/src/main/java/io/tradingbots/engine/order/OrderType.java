package io.tradingbots.engine.order;

/** MARKET fills now at the going price; LIMIT rests until the market reaches its price. */
public enum OrderType {
    MARKET, LIMIT
}
