package io.tradingbots.desktop.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.tradingbots.api.v1.BotEvent;
import io.tradingbots.api.v1.BotEventKind;
import io.tradingbots.api.v1.BotStatus;
import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.api.v1.RiskServiceGrpc;
import io.tradingbots.desktop.InProcessEngine;
import io.tradingbots.desktop.engine.EngineClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bots view model against an in-process BotService, without the JavaFX toolkit. */
class BotsViewModelTest {

    /** Engine calls and UI updates run on the calling thread: the test sees their effect at once. */
    private static final Executor DIRECT = Runnable::run;

    private final List<String> notices = new ArrayList<>();
    private FakeBots engine;
    private EngineClient client;
    private BotsViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeBots();
        client = engine.client();
        model = new BotsViewModel(client.bots(), DIRECT, DIRECT, ZoneOffset.UTC);
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
    void botsAreListedFormattedAndFiltered() {
        assertThat(model.rows()).extracting(BotLine::id).containsExactly("sma-core", "scalp-eth");
        BotLine core = model.rows().get(0);
        assertThat(core.statusText()).isEqualTo("running");
        assertThat(core.market()).isEqualTo("BTC/USD 5m");
        assertThat(core.allocation()).isEqualTo("50%");
        assertThat(core.cash()).isEqualTo("$2,400.50");
        assertThat(core.position()).isEqualTo("0.05");
        assertThat(core.equity()).isEqualTo("$5,010.25");
        assertThat(core.pnl()).isEqualTo("+$10.25");
        assertThat(model.rows().get(1).pnl()).isEqualTo("-$12.50");
        assertThat(model.summaryProperty().get()).isEqualTo("2 bots · capital $10,000.00 · unallocated 20%");

        model.filterProperty().set("SCALP");
        assertThat(model.rows()).extracting(BotLine::id).containsExactly("scalp-eth");
        model.filterProperty().set("btc/usd");
        assertThat(model.rows()).extracting(BotLine::id).containsExactly("sma-core");
        model.filterProperty().set("");
        assertThat(model.rows()).hasSize(2);
    }

    @Test
    void selectingABotShowsItsJournalOrdersOnceAndLiveEventsComeFirst() {
        engine.recentOrders.put("sma-core", List.of(
                io.tradingbots.api.v1.BotEvent.newBuilder().setBotId("sma-core").setKind(io.tradingbots.api.v1.BotEventKind.BOT_EVENT_KIND_ORDER)
                        .setTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_772_000_600L))
                        .setText("SELL 0.05 BTC/USD MARKET: FILLED 0.05 at 52100").build(),
                io.tradingbots.api.v1.BotEvent.newBuilder().setBotId("sma-core").setKind(io.tradingbots.api.v1.BotEventKind.BOT_EVENT_KIND_ORDER)
                        .setTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_772_000_000L))
                        .setText("BUY 0.05 BTC/USD MARKET: FILLED 0.05 at 51900").build()));
        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.selectedEvents()).extracting(BotEventRow::text).containsExactly("SELL 0.05 BTC/USD MARKET: FILLED 0.05 at 52100",
                "BUY 0.05 BTC/USD MARKET: FILLED 0.05 at 51900");
        assertThat(model.selectedEvents()).extracting(BotEventRow::kind).containsOnly("order");

        // selecting again does not fetch or duplicate them
        model.selectedProperty().set(model.rows().get(1));
        assertThat(model.selectedEvents()).isEmpty();
        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.selectedEvents()).hasSize(2);
    }

    @Test
    void pauseStopAndStartChangeTheSelectedBot() {
        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.canPauseBinding().get()).isTrue();
        assertThat(model.canStartBinding().get()).isFalse();

        model.pauseSelected();
        assertThat(engine.calls()).containsExactly("pause sma-core");
        assertThat(model.selectedProperty().get().status()).isEqualTo(BotStatus.BOT_STATUS_PAUSED);
        assertThat(model.rows().get(0).statusText()).isEqualTo("paused");
        assertThat(model.messageProperty().get()).isEqualTo("Pause SMA core: now paused, allocation 50%.");
        assertThat(model.canStartBinding().get()).isTrue();

        model.stopSelected(true);
        model.startSelected("");
        assertThat(engine.calls()).containsExactly("pause sma-core", "stop sma-core flatten", "start sma-core");
        assertThat(model.selectedProperty().get().status()).isEqualTo(BotStatus.BOT_STATUS_RUNNING);
    }

    @Test
    void aHaltedBotNeedsAReasonToStart() {
        engine.add(engine.get("scalp-eth").toBuilder().setStatus(BotStatus.BOT_STATUS_HALTED)
                .setStatusReason("venue rejected the order").build());
        model.refresh();
        model.selectedProperty().set(model.rows().get(1));
        assertThat(model.rows().get(1).statusText()).isEqualTo("halted: venue rejected the order");
        assertThat(model.startNeedsReason()).isTrue();

        model.startSelected(" ");
        assertThat(model.messageProperty().get()).isEqualTo("Starting a halted bot needs a reason.");
        assertThat(engine.calls()).isEmpty();

        model.startSelected("balance topped up");
        assertThat(engine.calls()).containsExactly("start scalp-eth: balance topped up");
        assertThat(model.selectedProperty().get().statusText()).isEqualTo("running");
    }

    @Test
    void allocationIsCheckedHereAndTheEnginesRefusalShown() {
        model.selectedProperty().set(model.rows().get(1));
        assertThat(model.allocationProperty().get()).isEqualTo("30");

        model.allocationProperty().set("abc");
        model.applyAllocation();
        assertThat(model.messageProperty().get()).startsWith("Allocation must be a number from 0 to 100");
        model.allocationProperty().set("101");
        model.applyAllocation();
        assertThat(model.messageProperty().get()).isEqualTo("Allocation must be from 0 to 100 (percent of the capital), got 101.");
        assertThat(engine.calls()).isEmpty();

        model.allocationProperty().set("60");
        model.applyAllocation();
        assertThat(model.messageProperty().get()).isEqualTo("Allocation refused: shares would add up to 110%, more than 100%");
        assertThat(engine.get("scalp-eth").getAllocationPercent()).isEqualTo("30");

        model.allocationProperty().set("45%");
        model.applyAllocation();
        assertThat(engine.get("scalp-eth").getAllocationPercent()).isEqualTo("45");
        assertThat(model.selectedProperty().get().allocation()).isEqualTo("45%");
    }

    @Test
    void eventsAreKeptPerBotAndFillsAndErrorsAnnounced() {
        model.selectedProperty().set(model.rows().get(0));
        engine.emit(event("sma-core", BotEventKind.BOT_EVENT_KIND_SIGNAL, "BUY signal at 52000"));
        engine.emit(event("scalp-eth", BotEventKind.BOT_EVENT_KIND_ERROR, "venue rejected the order: insufficient balance"));
        engine.emit(event("sma-core", BotEventKind.BOT_EVENT_KIND_FILL, "BUY 0.05 BTC/USD MARKET: FILLED at 52000"));

        assertThat(model.selectedEvents()).extracting(BotEventRow::kind, BotEventRow::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fill", "BUY 0.05 BTC/USD MARKET: FILLED at 52000"),
                org.assertj.core.groups.Tuple.tuple("signal", "BUY signal at 52000"));
        assertThat(model.selectedEvents().get(0).time()).isEqualTo("2026-11-24 10:00:00");
        assertThat(notices).containsExactly(
                "Bot scalp-eth stopped by an error: venue rejected the order: insufficient balance",
                "Fill · sma-core: BUY 0.05 BTC/USD MARKET: FILLED at 52000");

        model.selectedProperty().set(model.rows().get(1));
        assertThat(model.selectedEvents()).extracting(BotEventRow::kind).containsExactly("error");
    }

    /** Regression: every batch with a fill asked for ListBots, so a burst of fills queued a call per frame. */
    @Test
    void aBurstOfFillsListsTheBotsOnceMoreNotOncePerFill() throws Exception {
        Queue<Runnable> background = new ArrayDeque<>();
        BotsViewModel queued = new BotsViewModel(client.bots(), background::add, DIRECT, ZoneOffset.UTC);
        queued.setNotifier(notices::add);
        queued.refresh();
        for (int i = 0; i < 50; i++) {
            queued.onEvents(List.of(event("sma-core", BotEventKind.BOT_EVENT_KIND_FILL, "fill " + i)));
        }
        assertThat(background).as("one ListBots on its way, the rest folded into one more").hasSize(1);
        int before = engine.lists();

        background.poll().run();

        assertThat(engine.lists() - before).isEqualTo(2);
        assertThat(queued.rows()).hasSize(2);
        queued.refresh();
        assertThat(background).as("idle again: the next refresh goes out").hasSize(1);
    }

    @Test
    void aBatchOfManyFillsRaisesAFewToastsAndCountsTheRest() {
        List<BotEvent> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(event("sma-core", BotEventKind.BOT_EVENT_KIND_FILL, "fill " + i));
        }

        model.onEvents(batch);

        assertThat(notices).containsExactly("Fill · sma-core: fill 0", "Fill · sma-core: fill 1",
                "… and 38 more fills and errors at once: see the Bots tab");
    }

    @Test
    void exportWritesTheWholeCsvToTheChosenFile(@TempDir Path dir) throws Exception {
        model.selectedProperty().set(model.rows().get(0));
        Path file = dir.resolve("trades.csv");

        model.export(ExportKind.EXPORT_KIND_TRADES, file);

        assertThat(Files.readString(file)).isEqualTo(
                "time,side,quantity,price\n2026-11-24T10:00:00Z,BUY,0.05,52000\n2026-11-24T11:00:00Z,SELL,0.05,52100\n");
        assertThat(model.messageProperty().get()).isEqualTo("Exported 2 trades rows of SMA core to " + file.toAbsolutePath() + ".");
        assertThat(dir.resolve("trades.csv.part")).doesNotExist();
    }

    @Test
    void anEngineWithoutTheBotServiceIsSaidPlainly() throws Exception {
        try (InProcessEngine older = new InProcessEngine(new RiskServiceGrpc.RiskServiceImplBase() { });
             EngineClient olderClient = older.client()) {
            BotsViewModel plain = new BotsViewModel(olderClient.bots(), DIRECT, DIRECT, ZoneOffset.UTC);
            plain.start();

            assertThat(plain.unavailableProperty().get()).isTrue();
            assertThat(plain.messageProperty().get()).isEmpty();
            assertThat(plain.streamProblemProperty().get()).isEmpty();
            assertThat(plain.rows()).isEmpty();
            plain.stop();
        }
    }

    static BotEvent event(String bot, BotEventKind kind, String text) {
        return BotEvent.newBuilder().setBotId(bot).setKind(kind).setText(text)
                .setTime(Timestamp.newBuilder().setSeconds(1_795_514_400L)).build();
    }
}
