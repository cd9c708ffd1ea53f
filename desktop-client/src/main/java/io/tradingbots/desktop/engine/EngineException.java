package io.tradingbots.desktop.engine;

/** A failure to talk to the engine, with a message written for the person at the screen. */
public final class EngineException extends Exception {

    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
