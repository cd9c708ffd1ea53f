package io.tradingbots.desktop.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.api.v1.BotRisk;
import io.tradingbots.api.v1.CoinExposure;
import io.tradingbots.api.v1.Halt;
import io.tradingbots.api.v1.HaltKind;
import io.tradingbots.desktop.engine.EngineClient;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Risk view model against an in-process RiskService, without the JavaFX toolkit. */
class RiskViewModelTest {

    /** Engine calls and UI updates run on the calling thread: the test sees their effect at once. */
    private static final Executor DIRECT = Runnable::run;

    private final List<String> notices = new ArrayList<>();
    private FakeRisk engine;
    private EngineClient client;
    private RiskViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeRisk();
        client = engine.client();
        model = new RiskViewModel(client.risk(), "alice@laptop (desktop)", DIRECT, DIRECT, ZoneOffset.UTC);
        model.setNotifier(notices::add);
        model.start();
    }

    @AfterEach
    void tearDown() {
        model.stop();
        client.close();
        engine.close();
    }

    @Test
    void theLivePictureIsFormattedForPeople() {
        engine.publish(engine.state().toBuilder()
                .addCoins(CoinExposure.newBuilder().setCoin("BTC").setExposure("2500"))
                .addBots(BotRisk.newBuilder().setBotId("sma-core").setExposure("2500").setDrawdownPercent("3.5")).build());

        assertThat(model.equityProperty().get()).isEqualTo("$10,000.00");
        assertThat(model.dayStartEquityProperty().get()).isEqualTo("$10,200.00");
        assertThat(model.dailyPnlProperty().get()).isEqualTo("-$200.00");
        assertThat(model.losingProperty().get()).isTrue();
        assertThat(model.limitUsedProperty().get()).isEqualTo(0.196, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.limitUsedTextProperty().get()).isEqualTo("1.96% lost of the 10% daily limit (19.6% used)");
        assertThat(model.dayLimitShortProperty().get()).as("the dashboard's card").isEqualTo("19.6% of 10%");
        assertThat(model.tradingStateProperty().get()).isEqualTo("TRADING");
        assertThat(model.exposures()).containsExactly(new ExposureRow("coin", "BTC", "$2,500.00", ""),
                new ExposureRow("bot", "sma-core", "$2,500.00", "3.5%"));
        assertThat(model.limitProperty(RiskLimitField.DAILY_LOSS).get()).isEqualTo("10");
        assertThat(model.limitProperty(RiskLimitField.ORDERS_PER_MINUTE).get()).isEqualTo("30");
        assertThat(notices).isEmpty();
    }

    @Test
    void haltAndResumeNeedAReasonAndAreAnnounced() {
        assertThat(model.halt("  ", false)).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("A halt needs a reason.");
        assertThat(engine.state().getHalted()).isFalse();

        assertThat(model.halt("exchange maintenance", false)).isTrue();

        assertThat(engine.state().getHalt().getHaltedBy()).isEqualTo("alice@laptop (desktop)");
        assertThat(model.haltedProperty().get()).isTrue();
        assertThat(model.tradingStateProperty().get()).isEqualTo("HALTED");
        assertThat(model.dayLimitShortProperty().get()).isEqualTo("HALTED");
        assertThat(model.haltReasonProperty().get()).startsWith("Halted (by alice@laptop (desktop)) since")
                .endsWith(": exchange maintenance");
        assertThat(notices).containsExactly("Trading halted by alice@laptop (desktop): exchange maintenance");

        assertThat(model.resume("")).isFalse();
        assertThat(engine.state().getHalted()).isTrue();
        assertThat(model.resume("maintenance over")).isTrue();
        assertThat(model.tradingStateProperty().get()).isEqualTo("TRADING");
        assertThat(model.haltReasonProperty().get()).isEmpty();
        assertThat(notices).endsWith("Trading resumed.");
    }

    @Test
    void theDailyStopIsAnnouncedAndItsResumeExplained() {
        engine.publish(engine.state().toBuilder().setHalted(true).setHalt(Halt.newBuilder()
                .setKind(HaltKind.HALT_KIND_DAILY_LOSS).setReason("daily loss 10.2% reached the 10% limit")
                .setHaltedBy("risk manager")).build());

        assertThat(notices).containsExactly("Daily loss limit reached: trading halted. daily loss 10.2% reached the 10% limit");
        assertThat(model.haltReasonProperty().get()).startsWith("Halted (daily loss limit)");
        assertThat(model.resumeConsequences()).contains("measured again from the equity now");
    }

    @Test
    void tighteningIsSentAtOnceAndRaisingAsksFirst() {
        model.limitProperty(RiskLimitField.DAILY_LOSS).set("8");
        model.requestApplyLimits();

        assertThat(model.pendingLimitsProperty().get()).isEmpty();
        assertThat(engine.limitRequests()).hasSize(1);
        assertThat(engine.limitRequests().get(0).getLimits().getDailyLossPercent()).isEqualTo("8");
        assertThat(engine.limitRequests().get(0).getRequestedBy()).isEqualTo("alice@laptop (desktop)");
        assertThat(model.messageProperty().get()).isEqualTo("Limits saved (1 changed).");

        model.limitProperty(RiskLimitField.DAILY_LOSS).set("12");
        model.limitProperty(RiskLimitField.MIN_ORDER).set("5");
        model.requestApplyLimits();

        assertThat(engine.limitRequests()).hasSize(1);
        assertThat(model.pendingLimitsProperty().get())
                .startsWith("Raising daily loss limit 8 → 12; min order value 10 → 5 lets the bots take more risk");
        model.cancelLimits();
        assertThat(engine.limitRequests()).hasSize(1);
        assertThat(model.limitProperty(RiskLimitField.DAILY_LOSS).get()).as("edits are kept").isEqualTo("12");

        model.requestApplyLimits();
        model.confirmLimits();
        assertThat(engine.limitRequests()).hasSize(2);
        assertThat(engine.state().getLimits().getDailyLossPercent()).isEqualTo("12");
        // the audit trail, newest first, reloaded after each change
        assertThat(model.limitChanges()).extracting(LimitChangeRow::by, LimitChangeRow::limit, LimitChangeRow::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice@laptop (desktop)", "daily loss percent", "8 → 12"),
                org.assertj.core.groups.Tuple.tuple("alice@laptop (desktop)", "daily loss percent", "10 → 8"));
    }

    @Test
    void raisingWhileHaltedShowsTheEnginesRefusal() {
        model.halt("maintenance", false);
        model.limitProperty(RiskLimitField.DAILY_LOSS).set("15");
        model.requestApplyLimits();
        assertThat(model.pendingLimitsProperty().get()).contains("Trading is halted: the engine only accepts tighter limits");

        model.confirmLimits();

        assertThat(model.messageProperty().get()).isEqualTo("Limits refused: trading is halted, so limits may only be"
                + " tightened; resume first to raise daily loss limit 10% → 15%");
        assertThat(engine.state().getLimits().getDailyLossPercent()).isEqualTo("10");
    }

    @Test
    void invalidLimitsAreExplainedAndNotSent() {
        model.limitProperty(RiskLimitField.DAILY_LOSS).set("ten");
        model.requestApplyLimits();
        assertThat(model.messageProperty().get()).isEqualTo("Daily loss limit is not a number: 'ten'");

        model.limitProperty(RiskLimitField.DAILY_LOSS).set("120");
        model.requestApplyLimits();
        assertThat(model.messageProperty().get()).isEqualTo("Daily loss limit must be above 0% and at most 100%: '120'");

        model.limitProperty(RiskLimitField.DAILY_LOSS).set("2");
        model.requestApplyLimits();
        assertThat(model.messageProperty().get()).isEqualTo("The entry buffer must be smaller than the daily loss limit.");

        model.limitProperty(RiskLimitField.DAILY_LOSS).set("10");
        model.limitProperty(RiskLimitField.ORDERS_PER_MINUTE).set("2.5");
        model.requestApplyLimits();
        assertThat(model.messageProperty().get()).isEqualTo("Entries per minute must be a whole number from 1 to 10000: '2.5'");

        assertThat(engine.limitRequests()).isEmpty();
        assertThat(model.pendingLimitsProperty().get()).isEmpty();
    }

    @Test
    void livePicturesDoNotOverwriteLimitsBeingEdited() {
        model.limitProperty(RiskLimitField.BOT_DRAWDOWN).set("20");
        engine.publish(engine.state().toBuilder().setEquity("9999").build());

        assertThat(model.equityProperty().get()).isEqualTo("$9,999.00");
        assertThat(model.limitProperty(RiskLimitField.BOT_DRAWDOWN).get()).isEqualTo("20");

        model.reloadLimits();
        assertThat(model.limitProperty(RiskLimitField.BOT_DRAWDOWN).get()).isEqualTo("25");
    }
}
