package io.tradingbots.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.db.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The halt, the limits (with their audit), the day's start and the bots' peaks survive closing and reopening the file database. */
class DbRiskStoreTest {

    @TempDir
    Path dir;

    @Test
    void haltLimitsAndDayStartSurviveARestartOfTheDatabase() {
        TestClock clock = new TestClock("2026-03-01T10:00:00Z");
        RiskLimits tighter = new RiskLimits(new BigDecimal("6"), new BigDecimal("1.5"), new BigDecimal("20"), new BigDecimal("40"),
                new BigDecimal("90"), new BigDecimal("2500"), 12, new BigDecimal("5"));
        try (Database db = Database.openFile(dir)) {
            RiskManager risk = new RiskManager(RiskLimits.defaults(), new DbRiskStore(db), clock);
            risk.updateMark("BTC/USD", new BigDecimal("50000"));
            risk.updateAccounts(List.of(BotAccount.of("a", new BigDecimal("500"), "BTC/USD", new BigDecimal("0.01"))));
            risk.setLimits(tighter, "bob@desk");
            risk.halt("exchange maintenance", "alice@laptop", false);
        }
        try (Database db = Database.openFile(dir)) {
            DbRiskStore store = new DbRiskStore(db);
            RiskManager risk = new RiskManager(RiskLimits.defaults(), store, clock);
            assertThat(risk.limits()).isEqualTo(new RiskLimits(new BigDecimal("6.0000"), new BigDecimal("1.5000"), new BigDecimal("20.0000"),
                    new BigDecimal("40.0000"), new BigDecimal("90.0000"), new BigDecimal("2500.000000000000"), 12, new BigDecimal("5.000000000000")));
            assertThat(risk.haltState().by()).isEqualTo("alice@laptop");
            assertThat(risk.haltState().reason()).isEqualTo("exchange maintenance");
            assertThat(store.limitChanges(20)).extracting(c -> c.by() + ": " + c.limit() + " " + c.oldValue() + " → " + c.newValue())
                    .containsExactly("bob@desk: min_order_notional 10 → 5", "bob@desk: max_orders_per_minute 30 → 12",
                            "bob@desk: max_order_notional 100000 → 2500", "bob@desk: total_exposure_percent 100 → 90",
                            "bob@desk: coin_exposure_percent 50 → 40", "bob@desk: bot_drawdown_percent 25 → 20",
                            "bob@desk: entry_buffer_percent 2 → 1.5", "bob@desk: daily_loss_percent 10 → 6");
            assertThat(store.events(5)).extracting(RiskEvent::action).containsExactly("HALT");
            risk.updateMark("BTC/USD", new BigDecimal("40000"));
            risk.updateAccounts(List.of(BotAccount.of("a", new BigDecimal("500"), "BTC/USD", new BigDecimal("0.01"))));
            RiskSnapshot s = risk.snapshot();
            assertThat(s.dayStartEquity()).isEqualByComparingTo("1000");
            assertThat(s.dailyPnl()).isEqualByComparingTo("-100");

            risk.resume("maintenance over", "alice@laptop");
        }
        try (Database db = Database.openFile(dir)) {
            assertThat(new RiskManager(RiskLimits.defaults(), new DbRiskStore(db), clock).haltState()).isNull();
            // bot a's highest equity: 500 + 0.01 x 50,000 = 1,000, seen before the first restart
            assertThat(new DbRiskStore(db).loadBotPeaks()).containsOnlyKeys("a");
            assertThat(new DbRiskStore(db).loadBotPeaks().get("a")).isEqualByComparingTo("1000");
        }
    }
}
