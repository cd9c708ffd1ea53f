package io.tradingbots.desktop.dashboard;

import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.PriceQuote;
import io.tradingbots.api.v1.WatchStateResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a state event joins those waiting for the UI thread, so that the wait holds a few merged
 * messages however many arrive (1,000 a second from a busy engine, or a UI thread stalled by a
 * long layout): a snapshot makes every message before it moot, and consecutive deltas fold into
 * one. Applying the merged list leaves the dashboard exactly as applying every event in order.
 */
final class PendingState {

    private PendingState() {}

    static void add(List<StateEvent> pending, StateEvent event) {
        if (event instanceof StateEvent.StateReceived received) {
            WatchStateResponse message = received.message();
            if (message.getSnapshot()) {
                pending.removeIf(e -> e instanceof StateEvent.StateReceived); // it replaces everything they set
            } else if (!pending.isEmpty() && pending.get(pending.size() - 1) instanceof StateEvent.StateReceived last
                    && !last.message().getSnapshot()) {
                pending.set(pending.size() - 1, new StateEvent.StateReceived(mergeDeltas(last.message(), message)));
                return;
            }
        }
        pending.add(event);
    }

    /**
     * One delta with the effect of {@code first} then {@code next}: a bot or price in both keeps
     * its place from {@code first} with {@code next}'s value (as an update in place would), new
     * ones follow in order; portfolio and health are the latest present; sequence and time are
     * {@code next}'s.
     */
    static WatchStateResponse mergeDeltas(WatchStateResponse first, WatchStateResponse next) {
        WatchStateResponse.Builder merged = next.toBuilder()
                .clearBots().addAllBots(union(first.getBotsList(), next.getBotsList(), BotState::getId))
                .clearPrices().addAllPrices(union(first.getPricesList(), next.getPricesList(), PriceQuote::getSymbol));
        if (!next.hasPortfolio() && first.hasPortfolio()) {
            merged.setPortfolio(first.getPortfolio());
        }
        if (!next.hasHealth() && first.hasHealth()) {
            merged.setHealth(first.getHealth());
        }
        return merged.build();
    }

    private static <M> Iterable<M> union(List<M> first, List<M> next, Function<M, String> key) {
        if (first.isEmpty()) {
            return next;
        }
        Map<String, M> byKey = new LinkedHashMap<>();
        first.forEach(m -> byKey.put(key.apply(m), m));
        next.forEach(m -> byKey.put(key.apply(m), m));
        return byKey.values();
    }
}
