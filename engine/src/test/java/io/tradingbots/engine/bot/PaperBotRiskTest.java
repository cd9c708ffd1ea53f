package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.risk.RiskStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The paper bot's orders pass through the risk manager: a buy is shrunk or refused, a flatten sells. */
class PaperBotRiskTest {

    private final Database db = Database.inMemory("paperbot-risk-" + UUID.randomUUID());
    private final BotConfig config = new BotConfig("b1", "Test bot", "BTC/USD", Timeframe.M1, 2, 3, BigDecimal.valueOf(100),
            new BigDecimal("0.001"));

    @AfterEach
    void close() {
        db.close();
    }

    private static Candle candle(int minute, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Candle("BTC/USD", Timeframe.M1, minute * 60_000L, c, c, c, c, BigDecimal.ONE);
    }

    /** Candles that make the SMA2/SMA3 bot want to buy at the next price. */
    private static PaperBot readyToBuy(PaperBot bot) {
        for (String[] c : new String[][] {{"0", "12"}, {"1", "11"}, {"2", "10"}, {"3", "10"}, {"4", "13"}}) {
            bot.onCandle(candle(Integer.parseInt(c[0]), c[1]));
        }
        assertThat(bot.view().lastSignal()).startsWith("BUY signal");
        return bot;
    }

    private RiskManager risk(String coinPercent) {
        RiskLimits l = RiskLimits.defaults();
        RiskManager risk = new RiskManager(new RiskLimits(l.dailyLossPercent(), l.entryBufferPercent(), l.botDrawdownPercent(),
                new BigDecimal(coinPercent), l.totalExposurePercent(), l.maxOrderNotional(), l.maxOrdersPerMinute(), l.minOrderNotional()),
                RiskStore.inMemory(), Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
        risk.updateMark("BTC/USD", new BigDecimal("13"));
        return risk;
    }

    @Test
    void anAllInBuyIsShrunkToTheCoinLimit() {
        PaperBot bot = readyToBuy(new PaperBot(config, BigDecimal.valueOf(1000), new BotStore(db)));
        RiskManager risk = risk("40");
        risk.updateAccounts(List.of(bot.account()));
        bot.useRiskManager(risk);
        bot.onPrice(new PriceTick("BTC/USD", 5 * 60_000L, new BigDecimal("10")));
        // $1,000 equity, BTC at most 40% = $400 at 10: 40 BTC instead of ~99.9.
        assertThat(bot.view().position()).isEqualByComparingTo("40");
    }

    @Test
    void aHaltRefusesTheBuyAndShowsOnTheBotAndAFlattenSells() {
        PaperBot bot = readyToBuy(new PaperBot(config, BigDecimal.valueOf(1000), new BotStore(db)));
        RiskManager risk = risk("50");
        risk.updateAccounts(List.of(bot.account()));
        bot.useRiskManager(risk);
        risk.halt("maintenance", "alice", false);
        bot.onPrice(new PriceTick("BTC/USD", 5 * 60_000L, new BigDecimal("10")));
        assertThat(bot.view().position()).isEqualByComparingTo("0");
        assertThat(bot.view().lastSignal()).startsWith("BUY refused (trading halted)");
        assertThat(bot.view().status()).isEqualTo(BotStatus.HALTED);
        assertThat(bot.view().statusReason()).isEqualTo("trading halted by alice: maintenance");

        // A second bot that is allowed to buy, then is flattened by a halt with --flatten.
        PaperBot bot2 = readyToBuy(new PaperBot(new BotConfig("b2", "Two", "BTC/USD", Timeframe.M1, 2, 3, BigDecimal.valueOf(100),
                new BigDecimal("0.001")), BigDecimal.valueOf(1000), new BotStore(db)));
        RiskManager r2 = risk("50");
        r2.updateAccounts(List.of(bot2.account()));
        bot2.useRiskManager(r2);
        bot2.onPrice(new PriceTick("BTC/USD", 5 * 60_000L, new BigDecimal("10")));
        assertThat(bot2.view().position()).isEqualByComparingTo("50");
        r2.updateAccount(bot2.account());
        List<io.tradingbots.engine.risk.OrderRequest> flatten = r2.halt("flatten test", "alice", true);
        assertThat(flatten).hasSize(1);
        bot2.requestFlatten(flatten.get(0).reason());
        bot2.onPrice(new PriceTick("BTC/USD", 6 * 60_000L, new BigDecimal("9")));
        assertThat(bot2.view().position()).isEqualByComparingTo("0");
        assertThat(bot2.view().lastSignal()).startsWith("SELL 50 at 9");
    }
}
