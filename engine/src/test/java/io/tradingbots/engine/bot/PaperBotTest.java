package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.market.Timeframe;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaperBotTest {

    private static final BigDecimal FEE = new BigDecimal("0.001");
    private final Database db = Database.inMemory("paperbot-" + UUID.randomUUID());
    private final BotStore store = new BotStore(db);
    private final BotConfig config = new BotConfig("b1", "Test bot", "BTC/USD", Timeframe.M1, 2, 3, BigDecimal.valueOf(30), FEE);

    @AfterEach
    void close() {
        db.close();
    }

    private static Candle candle(int minute, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Candle("BTC/USD", Timeframe.M1, minute * 60_000L, c, c, c, c, BigDecimal.ONE);
    }

    private static PriceTick price(int minute, String p) {
        return new PriceTick("BTC/USD", minute * 60_000L, new BigDecimal(p));
    }

    @Test
    void buysAfterACrossUpAndSellsAfterACrossDownAtTheNextPriceWithFees() throws SQLException {
        PaperBot bot = new PaperBot(config, BigDecimal.valueOf(1000), store);
        assertThat(bot.view().cash()).isEqualByComparingTo("300");
        // SMA2 < SMA3 up to minute 3, then 13 lifts SMA2 (11.5) above SMA3 (11): a cross up at minute 4.
        for (String[] c : new String[][] {{"0", "12"}, {"1", "11"}, {"2", "10"}, {"3", "10"}}) {
            bot.onCandle(candle(Integer.parseInt(c[0]), c[1]));
        }
        assertThat(bot.view().status()).isEqualTo(BotStatus.RUNNING);
        bot.onCandle(candle(4, "13"));
        assertThat(bot.view().lastSignal()).startsWith("BUY signal");
        assertThat(bot.view().position()).isEqualByComparingTo("0"); // nothing fills at the deciding close

        bot.onPrice(price(5, "14"));
        BigDecimal qty = new BigDecimal("300").divide(new BigDecimal("14").multiply(new BigDecimal("1.001")), 8, RoundingMode.DOWN);
        BigDecimal buyFee = qty.multiply(new BigDecimal("14")).multiply(FEE).setScale(8, RoundingMode.UP);
        BigDecimal cashAfterBuy = new BigDecimal("300").subtract(qty.multiply(new BigDecimal("14"))).subtract(buyFee);
        assertThat(qty).isEqualByComparingTo("21.40716426");
        assertThat(bot.view().position()).isEqualByComparingTo(qty);
        assertThat(bot.view().cash()).isEqualByComparingTo(cashAfterBuy.setScale(8, RoundingMode.DOWN));
        assertThat(bot.view().tradeCount()).isEqualTo(1);

        bot.onCandle(candle(5, "8")); // SMA2 10.5 > SMA3 10.33: still long
        assertThat(bot.view().lastSignal()).startsWith("HOLD");
        bot.onCandle(candle(6, "5")); // SMA2 6.5 < SMA3 8.67: cross down
        assertThat(bot.view().lastSignal()).startsWith("SELL signal");
        bot.onPrice(price(7, "6"));
        BigDecimal sellFee = qty.multiply(new BigDecimal("6")).multiply(FEE).setScale(8, RoundingMode.UP);
        BigDecimal cashAfterSell = cashAfterBuy.setScale(8, RoundingMode.DOWN).add(qty.multiply(new BigDecimal("6"))).subtract(sellFee)
                .setScale(8, RoundingMode.DOWN);
        assertThat(bot.view().position()).isEqualByComparingTo("0");
        assertThat(bot.view().cash()).isEqualByComparingTo(cashAfterSell);
        assertThat(bot.view().equity()).isEqualByComparingTo(cashAfterSell);
        assertThat(cashAfterSell).isLessThan(new BigDecimal("300")); // bought at 14, sold at 6: a loss, shown as one

        try (Connection c = db.connection();
             ResultSet r = c.createStatement().executeQuery("SELECT side, price, quantity, fee FROM bot_trade ORDER BY id")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("BUY");
            assertThat(r.getBigDecimal(2)).isEqualByComparingTo("14");
            assertThat(r.getBigDecimal(4)).isEqualByComparingTo(buyFee);
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("SELL");
            assertThat(r.getBigDecimal(3)).isEqualByComparingTo(qty);
            assertThat(r.getBigDecimal(4)).isEqualByComparingTo(sellFee);
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void aRestartedBotResumesItsCashPositionAndTradeCount() {
        PaperBot bot = new PaperBot(config, BigDecimal.valueOf(1000), store);
        for (String[] c : new String[][] {{"0", "12"}, {"1", "11"}, {"2", "10"}, {"3", "10"}, {"4", "13"}}) {
            bot.onCandle(candle(Integer.parseInt(c[0]), c[1]));
        }
        bot.onPrice(price(5, "14"));
        PaperBot again = new PaperBot(config, BigDecimal.valueOf(1000), store);
        assertThat(again.view().cash()).isEqualByComparingTo(bot.view().cash());
        assertThat(again.view().position()).isEqualByComparingTo(bot.view().position());
        assertThat(again.view().tradeCount()).isEqualTo(1);
    }

    @Test
    void warmsUpWithoutTradingUntilTheSlowAverageExists() {
        PaperBot bot = new PaperBot(config, BigDecimal.valueOf(1000), store);
        bot.onCandle(candle(0, "10"));
        assertThat(bot.view().status()).isEqualTo(BotStatus.WARMING_UP);
        assertThat(bot.view().statusReason()).contains("more 1m candles");
    }
}
