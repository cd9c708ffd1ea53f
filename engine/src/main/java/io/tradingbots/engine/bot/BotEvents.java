package io.tradingbots.engine.bot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Fans bot events out to whoever watches. Listeners must not block (the API queues per client). */
public final class BotEvents {

    private final List<Consumer<BotEvent>> listeners = new CopyOnWriteArrayList<>();

    public void publish(BotEvent e) {
        for (Consumer<BotEvent> l : listeners) {
            l.accept(e);
        }
    }

    public Runnable subscribe(Consumer<BotEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int listenerCount() {
        return listeners.size();
    }
}
