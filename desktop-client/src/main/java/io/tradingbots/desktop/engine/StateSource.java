package io.tradingbots.desktop.engine;

/** Something that streams the engine's state: the real client, or a fake in tests. */
public interface StateSource {

    /** Starts watching; the stream keeps reconnecting until the returned subscription is closed. */
    Subscription watchState(StateListener listener);

    /** A running watch; closing it is idempotent and reports {@link ConnectionStatus#DISCONNECTED}. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
