package io.tradingbots.desktop.dashboard;

import static io.tradingbots.desktop.TestMessages.bot;
import static io.tradingbots.desktop.TestMessages.delta;
import static io.tradingbots.desktop.TestMessages.price;
import static io.tradingbots.desktop.TestMessages.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.HealthStatus;
import io.tradingbots.desktop.TestMessages;
import io.tradingbots.desktop.engine.ConnectionStatus;
import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.desktop.engine.StateListener;
import io.tradingbots.desktop.engine.StateSource;
import io.tradingbots.desktop.support.FrameExecutor;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Plain JavaFX properties and lists work without the toolkit, so none is started here. */
class DashboardViewModelTest {

    private final DashboardViewModel model = new DashboardViewModel("127.0.0.1:6000", TestMessages.info(), ZoneOffset.UTC);

    private void startWithTwoBots() {
        model.apply(snapshot(1, "10000", new BotState[] {bot("b2", "beta", "2000"), bot("b1", "alpha", "1000")},
                price("ETH/USD", "3000"), price("BTC/USD", "60000")));
    }

    @Test
    void aSnapshotFillsEverythingSortedByName() {
        startWithTwoBots();

        assertThat(model.bots()).extracting(BotRow::name).containsExactly("alpha", "beta");
        assertThat(model.prices()).extracting(PriceRow::symbol).containsExactly("BTC/USD", "ETH/USD");
        assertThat(model.portfolioProperty().get())
                .isEqualTo(new PortfolioText("$10,000.00", "$7,000.00", "+$25.00", "1.25%"));
        assertThat(model.healthProperty().get()).startsWith("engine OK  ·  up 1m 15s  ·  heap 64 MB of 512 MB");
        BotRow alpha = model.bots().get(0);
        assertThat(alpha.status()).isEqualTo("running");
        assertThat(alpha.allocation()).isEqualTo("30%");
        assertThat(alpha.position()).isEqualTo("0.01");
        assertThat(alpha.todayPnl()).isEqualTo("-$12.50");
    }

    @Test
    void aDeltaChangesOneBotAndLeavesTheAbsentOnesAlone() {
        startWithTwoBots();
        BotRow betaBefore = model.bots().get(1);

        model.apply(delta(2).addBots(bot("b1", "alpha", "1500")).addPrices(price("BTC/USD", "61000.5")).build());

        assertThat(model.bots()).extracting(BotRow::equity).containsExactly("$1,500.00", "$2,000.00");
        assertThat(model.bots().get(1)).isSameAs(betaBefore);
        assertThat(model.prices()).extracting(PriceRow::price).containsExactly("$61,000.50", "$3,000.00");
        assertThat(model.portfolioProperty().get().equity()).as("no portfolio in the delta").isEqualTo("$10,000.00");
        assertThat(model.lastUpdateProperty().get()).isEqualTo("update #2 at 14:13:20");
    }

    @Test
    void aDeltaMayAddABotAndChangePortfolioAndHealth() {
        startWithTwoBots();

        model.apply(delta(2).addBots(bot("b3", "gamma", "10")).setPortfolio(TestMessages.portfolio("9000.1"))
                .setHealth(EngineHealth.newBuilder().setStatus(HealthStatus.HEALTH_STATUS_DEGRADED)
                        .setDetail("market data stale").build())
                .build());

        assertThat(model.bots()).extracting(BotRow::name).containsExactly("alpha", "beta", "gamma");
        assertThat(model.portfolioProperty().get().equity()).isEqualTo("$9,000.10");
        assertThat(model.healthProperty().get()).startsWith("engine DEGRADED (market data stale)");
    }

    @Test
    void aNewSnapshotReplacesEverything() {
        startWithTwoBots();

        model.apply(snapshot(1, "500", new BotState[] {bot("b9", "omega", "500")}, price("SOL/USD", "150")));

        assertThat(model.bots()).extracting(BotRow::id).containsExactly("b9");
        assertThat(model.prices()).extracting(PriceRow::symbol).containsExactly("SOL/USD");
        assertThat(model.portfolioProperty().get().equity()).isEqualTo("$500.00");
    }

    @Test
    void losingTheLinkKeepsTheLastNumbersButForgetsTheHealth() {
        startWithTwoBots();

        model.applyAll(List.of(new StateEvent.StatusChanged(ConnectionStatus.reconnecting("no engine at x:1"))));

        assertThat(model.statusProperty().get().text()).isEqualTo("reconnecting: no engine at x:1");
        assertThat(model.healthProperty().get()).isEmpty();
        assertThat(model.bots()).hasSize(2);
    }

    @Test
    void aRestartedEngineShowsItsNewFacts() {
        model.applyAll(List.of(new StateEvent.InfoReceived(TestMessages.info().toBuilder().setVersion("0.2.0").build())));

        assertThat(model.infoProperty().get().version()).isEqualTo("0.2.0");
    }

    @Test
    void engineInfoIsReadyForTheHeader() {
        EngineInfoText info = model.infoProperty().get();
        assertThat(info.mode()).isEqualTo("PAPER");
        assertThat(info.commit()).isEqualTo("abcdef123456");
        assertThat(info.started()).isEqualTo("2026-09-21 14:13:20");
        assertThat(info.target()).isEqualTo("127.0.0.1:6000");
    }

    @Test
    void aBurstFromTheStreamReachesTheUiAsOneTask() {
        Queue<Runnable> ui = new ArrayDeque<>();
        StateListener[] listener = new StateListener[1];
        boolean[] closed = {false};
        StateSource source = l -> {
            listener[0] = l;
            return () -> closed[0] = true;
        };
        model.start(source, ui::add);

        listener[0].onStatus(ConnectionStatus.CONNECTED);
        listener[0].onState(snapshot(1, "100", new BotState[] {bot("b1", "alpha", "1")}, price("BTC/USD", "1")));
        for (int i = 2; i <= 500; i++) {
            listener[0].onState(delta(i).addPrices(price("BTC/USD", Integer.toString(i))).build());
        }
        assertThat(ui).hasSize(1);
        assertThat(model.prices()).as("nothing applied before the UI task runs").isEmpty();

        ui.poll().run();

        assertThat(model.statusProperty().get()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(model.prices()).extracting(PriceRow::price).containsExactly("$500.00");
        model.stop();
        assertThat(closed[0]).isTrue();
    }

    /**
     * 10,000 events from an "engine" thread while the test plays 1 ms frames: the view is updated
     * at most once per frame, and what it shows at the end is the last event's state.
     */
    @Test
    void tenThousandStreamedEventsUpdateTheViewAtMostOncePerFrameAndTheLastWins() throws Exception {
        FrameExecutor frames = new FrameExecutor(() -> { });
        AtomicInteger updates = new AtomicInteger();
        StateListener[] listener = new StateListener[1];
        model.start(l -> {
            listener[0] = l;
            return () -> { };
        }, task -> frames.execute(() -> {
            updates.incrementAndGet();
            task.run();
        }));
        int events = 10_000;
        Thread engine = new Thread(() -> {
            listener[0].onStatus(ConnectionStatus.CONNECTED);
            listener[0].onState(snapshot(1, "100", new BotState[] {bot("b1", "alpha", "1"), bot("b2", "beta", "2")},
                    price("BTC/USD", "1")));
            for (int i = 2; i <= events; i++) {
                listener[0].onState(delta(i).addBots(bot(i % 2 == 0 ? "b1" : "b2", i % 2 == 0 ? "alpha" : "beta",
                        Integer.toString(i))).addPrices(price("BTC/USD", Integer.toString(i))).build());
            }
        }, "fake-engine-stream");
        engine.start();

        int frameCount = 0;
        int mostInOneFrame = 0;
        boolean more = true;
        while (engine.isAlive() || more) {
            boolean producing = engine.isAlive();
            int before = updates.get();
            more = frames.runFrame() || producing;
            frameCount++;
            mostInOneFrame = Math.max(mostInOneFrame, updates.get() - before);
            LockSupport.parkNanos(1_000_000); // the next frame
        }

        assertThat(mostInOneFrame).isEqualTo(1);
        assertThat(updates.get()).isLessThanOrEqualTo(frameCount).isLessThan(events);
        assertThat(model.statusProperty().get()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(model.bots()).extracting(BotRow::equity).containsExactly("$10,000.00", "$9,999.00");
        assertThat(model.prices()).extracting(PriceRow::price).containsExactly("$10,000.00");
        assertThat(model.lastUpdateProperty().get()).startsWith("update #10000 ");
    }

    @Test
    void theTunnelStateFollowsTheTransportAndIsEmptyWithoutOne() {
        assertThat(model.tunnelProperty().get()).isEmpty();
        java.util.concurrent.atomic.AtomicReference<java.util.function.Consumer<String>> listener =
                new java.util.concurrent.atomic.AtomicReference<>();
        EngineSession.Transport transport = new EngineSession.Transport() {
            @Override
            public String describe() {
                return "ssh deploy@droplet → engine port 50051";
            }

            @Override
            public void watch(java.util.function.Consumer<String> l) {
                listener.set(l);
            }

            @Override
            public void close() {
            }
        };

        model.watchTunnel(transport, Runnable::run);
        assertThat(model.tunnelProperty().get()).isEqualTo("ssh deploy@droplet → engine port 50051: up");

        listener.get().accept("reconnecting: SSH session closed (next try in 1s)");
        assertThat(model.tunnelProperty().get())
                .isEqualTo("ssh deploy@droplet → engine port 50051: reconnecting: SSH session closed (next try in 1s)");
    }
}
