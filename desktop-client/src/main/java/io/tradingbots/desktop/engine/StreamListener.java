package io.tradingbots.desktop.engine;

import java.util.function.Function;

/** What a view watching a reconnecting stream hears: messages, and whether the stream is live. */
public interface StreamListener<R> {

    void onMessage(R message);

    /** Empty when live (again); otherwise why not, in words for the user. */
    void onProblem(String problem);

    /** The engine does not implement the service; the stream is not retried. */
    default void onUnimplemented() {
        onProblem("this engine does not offer this service");
    }

    /** Hears {@code A}s and passes what {@code unwrap} takes out of each to {@code target}. */
    static <A, B> StreamListener<A> unwrapping(StreamListener<B> target, Function<A, B> unwrap) {
        return new StreamListener<>() {
            @Override
            public void onMessage(A message) {
                target.onMessage(unwrap.apply(message));
            }

            @Override
            public void onProblem(String problem) {
                target.onProblem(problem);
            }

            @Override
            public void onUnimplemented() {
                target.onUnimplemented();
            }
        };
    }
}
