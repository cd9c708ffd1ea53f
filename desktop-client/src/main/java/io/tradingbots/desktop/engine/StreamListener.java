package io.tradingbots.desktop.engine;

/** What a view watching a reconnecting stream hears: messages, and whether the stream is live. */
public interface StreamListener<R> {

    void onMessage(R message);

    /** Empty when live (again); otherwise why not, in words for the user. */
    void onProblem(String problem);

    /** The engine does not implement the service; the stream is not retried. */
    default void onUnimplemented() {
        onProblem("this engine does not offer this service");
    }
}
