-- Each bot's highest equity, the reference of its drawdown limit, so that a restart does not
-- forget how far a bot has already fallen. Moved with the bot's capital when its share changes
-- (a share taken back is not a loss). Written when the peak rises by 0.1% or more.
CREATE TABLE risk_bot_peak (
    bot_id      VARCHAR(64)     NOT NULL PRIMARY KEY,
    peak_equity DECIMAL(38, 18) NOT NULL,
    updated_at  BIGINT          NOT NULL -- ms since epoch, the risk manager's clock
);
