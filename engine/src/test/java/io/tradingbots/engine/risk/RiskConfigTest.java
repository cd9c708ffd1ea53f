package io.tradingbots.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.Engine;
import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.bot.BotPlanFile;
import io.tradingbots.engine.db.Database;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskConfigTest {

    @TempDir
    Path dir;

    private static final String BOTS = "\"bots\": [{\"id\": \"a\", \"strategy\": \"scalp\", \"symbol\": \"BTC/USD\", \"timeframe\": \"5m\", \"share\": 10}]";

    private Path planWithRisk(String risk) throws Exception {
        Path file = dir.resolve("bots.json");
        Files.writeString(file, "{" + BOTS + ", \"risk\": " + risk + "}");
        return file;
    }

    @Test
    void aSectionIsParsedByTheGrpcNamesAndLeavesOutLimitsAsTheyAre() {
        RiskConfig c = BotPlanFile.parseRisk("{" + BOTS + ", \"risk\": {\"daily_loss_percent\": 6, \"max_order_notional\": \"2500.50\","
                + " \"max_orders_per_minute\": 12}}");
        RiskLimits l = c.over(RiskLimits.defaults());
        assertThat(l.dailyLossPercent()).isEqualByComparingTo("6");
        assertThat(l.maxOrderNotional()).isEqualByComparingTo("2500.50");
        assertThat(l.maxOrdersPerMinute()).isEqualTo(12);
        assertThat(l.entryBufferPercent()).isEqualByComparingTo(RiskLimits.defaults().entryBufferPercent());
        assertThat(BotPlanFile.parseRisk("{" + BOTS + "}")).isNull();
        // the plan itself still parses with the section present
        assertThat(BotPlanFile.parse("{" + BOTS + ", \"risk\": {\"daily_loss_percent\": 6}}", BigDecimal.TEN).bots()).hasSize(1);
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedByName() {
        assertThatThrownBy(() -> BotPlanFile.parseRisk("{\"risk\": {\"daily_loss\": 6}}"))
                .hasMessageStartingWith("risk: unknown key \"daily_loss\" (allowed: [bot_drawdown_percent");
        assertThatThrownBy(() -> BotPlanFile.parseRisk("{\"risk\": {\"daily_loss_percent\": \"six\"}}"))
                .hasMessage("risk: daily_loss_percent 'six' is not a number");
        assertThatThrownBy(() -> BotPlanFile.parseRisk("{\"risk\": [6]}")).hasMessageContaining("\"risk\" must be an object");
        RiskConfig tooHigh = BotPlanFile.parseRisk("{\"risk\": {\"total_exposure_percent\": 150}}");
        assertThatThrownBy(() -> tooHigh.over(RiskLimits.defaults())).hasMessage("total exposure cannot be above 100%, got 150%");
        RiskConfig fraction = BotPlanFile.parseRisk("{\"risk\": {\"max_orders_per_minute\": 2.5}}");
        assertThatThrownBy(() -> fraction.over(RiskLimits.defaults())).hasMessageContaining("must be a whole number");
    }

    @Test
    void atStartTheSectionIsAppliedAndAuditedAsTheConfigFileAndOnlyWhenItDiffers() throws Exception {
        Path file = planWithRisk("{\"daily_loss_percent\": 6, \"coin_exposure_percent\": 40}");
        try (Database db = Database.openFile(dir.resolve("db"))) {
            DbRiskStore store = new DbRiskStore(db);
            RiskManager risk = new RiskManager(RiskLimits.defaults(), store, new TestClock("2026-03-01T10:00:00Z"));
            Engine.applyRiskSection(risk, file);
            assertThat(risk.limits().dailyLossPercent()).isEqualByComparingTo("6");
            assertThat(risk.limits().coinExposurePercent()).isEqualByComparingTo("40");
            assertThat(store.limitChanges(10)).extracting(LimitChange::limit)
                    .containsExactlyInAnyOrder("daily_loss_percent", "coin_exposure_percent");
            assertThat(store.limitChanges(10)).allSatisfy(c -> assertThat(c.by()).isEqualTo("config file " + file));
            assertThat(store.limitChanges(10)).filteredOn(c -> c.limit().equals("daily_loss_percent"))
                    .singleElement().satisfies(c -> {
                        assertThat(c.oldValue()).isEqualTo("10");
                        assertThat(c.newValue()).isEqualTo("6");
                    });

            // a later start with the same section changes nothing and audits nothing more
            RiskManager again = new RiskManager(RiskLimits.defaults(), store, new TestClock("2026-03-02T10:00:00Z"));
            Engine.applyRiskSection(again, file);
            assertThat(store.limitChanges(10)).hasSize(2);
            // no file, or a file without the section: nothing happens
            Engine.applyRiskSection(again, dir.resolve("none.json"));
            Engine.applyRiskSection(again, null);
            assertThat(again.limits().dailyLossPercent()).isEqualByComparingTo("6");
        }
    }

    @Test
    void aRaiseWhileHaltedRefusesTheStartWithOneLineAndChangesNothing() throws Exception {
        Path file = planWithRisk("{\"daily_loss_percent\": 15}");
        RiskStore store = RiskStore.inMemory();
        RiskManager risk = new RiskManager(RiskLimits.defaults(), store, new TestClock("2026-03-01T10:00:00Z"));
        risk.halt("operator", "ops", false);
        assertThatThrownBy(() -> Engine.applyRiskSection(risk, file))
                .isInstanceOf(EngineException.class)
                .hasMessage(file + ": \"risk\" refused, limits unchanged: trading is halted, so limits may only be tightened;"
                        + " resume first to raise daily loss limit 10% → 15%, entries stop at 8% → 13% of loss")
                .message().doesNotContain("\n");
        assertThat(risk.limits()).isEqualTo(RiskLimits.defaults());
        assertThat(store.limitChanges(10)).isEmpty();

        Path bad = planWithRisk("{\"entry_buffer_percent\": 12}");
        assertThatThrownBy(() -> Engine.applyRiskSection(risk, bad)).isInstanceOf(EngineException.class)
                .hasMessageStartingWith(bad + ": \"risk\" refused, limits unchanged: the entry buffer (12%) must be smaller");
        Path unknown = planWithRisk("{\"dayly_loss_percent\": 5}");
        assertThatThrownBy(() -> Engine.applyRiskSection(risk, unknown)).isInstanceOf(EngineException.class)
                .hasMessageStartingWith(unknown + ": risk: unknown key \"dayly_loss_percent\"");
    }

    @Test
    void rewritingThePlanKeepsTheRiskAndAgentSectionsAsWritten() throws Exception {
        Path file = dir.resolve("bots.json");
        Files.writeString(file, "{" + BOTS + ", \"agent\": {\"enabled\": true}, \"risk\": {\"daily_loss_percent\": 6}}");
        BotPlanFile.write(file, BotPlanFile.readIfExists(file, BigDecimal.TEN));
        assertThat(BotPlanFile.readRisk(file).values()).containsOnlyKeys("daily_loss_percent");
        assertThat(BotPlanFile.readRisk(file).values().get("daily_loss_percent")).isEqualByComparingTo("6");
        assertThat(BotPlanFile.readAgent(file).enabled()).isTrue();
    }
}
