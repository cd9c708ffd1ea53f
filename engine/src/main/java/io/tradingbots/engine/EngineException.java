package io.tradingbots.engine;

/**
 * A problem the operator can fix (busy port, locked data directory, corrupt database, bad option):
 * its message is one line naming the problem and what to do, printed without a stack trace.
 */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
