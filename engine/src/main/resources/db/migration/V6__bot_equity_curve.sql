-- The multi-bot runtime's equity curve: each bot's equity at the close of every candle it
-- decided on. Derived data (cash and positions come from the order journal); written in small
-- batches, keyed by (bot, time) so that a replay run again rewrites the same rows.
CREATE TABLE bot_equity_point (
    bot_id       VARCHAR(64)     NOT NULL,
    market_time  BIGINT          NOT NULL, -- close time of the candle, ms since epoch, market clock
    price        DECIMAL(38, 12) NOT NULL, -- the candle's close
    cash         DECIMAL(38, 18) NOT NULL, -- quote currency
    position     DECIMAL(38, 18) NOT NULL, -- base currency
    equity       DECIMAL(38, 18) NOT NULL, -- cash + position x price
    PRIMARY KEY (bot_id, market_time)
);
