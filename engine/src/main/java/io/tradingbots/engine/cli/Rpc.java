package io.tradingbots.engine.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tradingbots.engine.EngineException;

/** Turns a failed call into a one-line message that says what to check. */
final class Rpc {

    private Rpc() {}

    static EngineException explain(StatusRuntimeException e, String target) {
        Status s = e.getStatus();
        String what = switch (s.getCode()) {
            case UNAVAILABLE -> "no engine answers at " + target + ": is it running (tb engine)? is the SSH tunnel up?";
            case UNAUTHENTICATED -> "the engine refused the API token: " + s.getDescription();
            case DEADLINE_EXCEEDED -> "the engine at " + target + " did not answer in time";
            default -> s.getCode() + ": " + s.getDescription();
        };
        return new EngineException(what, e);
    }
}
