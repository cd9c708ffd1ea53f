package io.tradingbots.engine.order;

import java.math.BigDecimal;

/** One execution of an order at the venue: {@code fee} is charged in {@code feeAsset}. */
public record Fill(String clientOrderId, String tradeId, BigDecimal price, BigDecimal quantity, BigDecimal fee,
                   String feeAsset, long time) {}
