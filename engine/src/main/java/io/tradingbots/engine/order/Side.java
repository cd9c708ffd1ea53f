package io.tradingbots.engine.order;

/** Buy or sell the base asset of a symbol (BTC in BTC/USD). */
public enum Side {
    BUY, SELL
}
