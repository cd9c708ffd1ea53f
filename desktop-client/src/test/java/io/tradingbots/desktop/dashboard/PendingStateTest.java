package io.tradingbots.desktop.dashboard;

import static io.tradingbots.desktop.TestMessages.bot;
import static io.tradingbots.desktop.TestMessages.delta;
import static io.tradingbots.desktop.TestMessages.price;
import static io.tradingbots.desktop.TestMessages.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.desktop.TestMessages;
import io.tradingbots.desktop.engine.ConnectionStatus;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PendingStateTest {

    private static DashboardViewModel model() {
        return new DashboardViewModel("127.0.0.1:6000", TestMessages.info(), ZoneOffset.UTC);
    }

    private static List<StateEvent> merged(List<StateEvent> events) {
        List<StateEvent> pending = new ArrayList<>();
        events.forEach(e -> PendingState.add(pending, e));
        return pending;
    }

    @Test
    void tenThousandDeltasWaitAsOne() {
        List<StateEvent> events = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            events.add(new StateEvent.StateReceived(delta(i).addBots(bot("b" + (i % 7), "bot " + (i % 7), Integer.toString(i)))
                    .addPrices(price(i % 2 == 0 ? "BTC/USD" : "ETH/USD", Integer.toString(i))).build()));
        }

        List<StateEvent> pending = merged(events);

        assertThat(pending).hasSize(1);
        WatchStateResponse one = ((StateEvent.StateReceived) pending.get(0)).message();
        assertThat(one.getSequence()).isEqualTo(10_000);
        assertThat(one.getBotsList()).extracting(BotState::getId).containsExactly("b1", "b2", "b3", "b4", "b5", "b6", "b0");
        assertThat(one.getBotsList()).extracting(BotState::getEquity).contains("10000", "9999");
        assertThat(one.getPricesList()).extracting(p -> p.getSymbol() + "=" + p.getPrice())
                .containsExactly("ETH/USD=9999", "BTC/USD=10000");
    }

    @Test
    void aSnapshotDropsTheStateBeforeItButKeepsStatusAndInfoInOrder() {
        StateEvent reconnecting = new StateEvent.StatusChanged(ConnectionStatus.reconnecting("engine gone"));
        StateEvent connected = new StateEvent.StatusChanged(ConnectionStatus.CONNECTED);
        StateEvent info = new StateEvent.InfoReceived(TestMessages.info());
        StateEvent fresh = new StateEvent.StateReceived(snapshot(1, "500", new BotState[] {bot("b9", "omega", "500")}));

        List<StateEvent> pending = merged(List.of(
                new StateEvent.StateReceived(delta(7).addBots(bot("b1", "alpha", "1")).build()),
                reconnecting, connected, info, fresh,
                new StateEvent.StateReceived(delta(2).addBots(bot("b9", "omega", "501")).build())));

        assertThat(pending).hasSize(5);
        assertThat(pending.subList(0, 4)).containsExactly(reconnecting, connected, info, fresh);
        assertThat(((StateEvent.StateReceived) pending.get(4)).message().getSnapshot())
                .as("a delta after a snapshot stays apart, so the snapshot's sorting is kept").isFalse();
    }

    /** The point of merging: the dashboard ends the same whether it applies every event or the merged few. */
    @Test
    void applyingTheMergedEventsEqualsApplyingEveryEventOnRandomStreams() {
        Random random = new Random(7);
        for (int run = 0; run < 100; run++) {
            List<StateEvent> events = randomStream(random, 1 + random.nextInt(300));
            DashboardViewModel everyEvent = model();
            events.forEach(e -> everyEvent.applyAll(List.of(e)));
            DashboardViewModel mergedEvents = model();
            List<StateEvent> pending = merged(events);

            mergedEvents.applyAll(pending);

            assertThat(pending.size()).isLessThanOrEqualTo(events.size());
            assertThat(mergedEvents.bots()).as("run %d", run).containsExactlyElementsOf(everyEvent.bots());
            assertThat(mergedEvents.prices()).as("run %d", run).containsExactlyElementsOf(everyEvent.prices());
            assertThat(mergedEvents.portfolioProperty().get()).isEqualTo(everyEvent.portfolioProperty().get());
            assertThat(mergedEvents.healthMessageProperty().get()).isEqualTo(everyEvent.healthMessageProperty().get());
            assertThat(mergedEvents.healthProperty().get()).isEqualTo(everyEvent.healthProperty().get());
            assertThat(mergedEvents.statusProperty().get()).isEqualTo(everyEvent.statusProperty().get());
            assertThat(mergedEvents.lastUpdateProperty().get()).isEqualTo(everyEvent.lastUpdateProperty().get());
        }
    }

    private static List<StateEvent> randomStream(Random random, int n) {
        List<StateEvent> events = new ArrayList<>();
        long sequence = 0;
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
            if (kind < 3) {
                events.add(new StateEvent.StatusChanged(random.nextBoolean() ? ConnectionStatus.CONNECTED
                        : ConnectionStatus.reconnecting("try " + i)));
                continue;
            }
            sequence++;
            if (kind < 8) {
                BotState[] bots = new BotState[random.nextInt(4)];
                for (int b = 0; b < bots.length; b++) {
                    bots[b] = randomBot(random, i);
                }
                events.add(new StateEvent.StateReceived(snapshot(sequence, Integer.toString(1000 + i), bots,
                        price("BTC/USD", Integer.toString(i)))));
                continue;
            }
            WatchStateResponse.Builder d = delta(sequence);
            for (int b = random.nextInt(3); b > 0; b--) {
                d.addBots(randomBot(random, i));
            }
            for (int p = random.nextInt(3); p > 0; p--) {
                d.addPrices(price(random.nextBoolean() ? "BTC/USD" : "SOL/USD" + random.nextInt(3), Integer.toString(i)));
            }
            if (random.nextInt(4) == 0) {
                d.setPortfolio(TestMessages.portfolio(Integer.toString(2000 + i)));
            }
            if (random.nextInt(6) == 0) {
                d.setHealth(EngineHealth.newBuilder(TestMessages.health()).setUptimeSeconds(i).build());
            }
            events.add(new StateEvent.StateReceived(d.build()));
        }
        return events;
    }

    private static BotState randomBot(Random random, int i) {
        int id = random.nextInt(6);
        return bot("b" + id, "bot " + id, Integer.toString(i * 10 + random.nextInt(10)));
    }
}
