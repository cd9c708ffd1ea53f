package io.tradingbots.engine.broker;

import io.tradingbots.engine.EngineException;

/**
 * A venue call that failed. {@link Rejected}: the venue refused the order (it does not exist there);
 * {@link OutcomeUnknown}: the request may or may not have been executed (lost reply, 5xx, timeout),
 * so the order must be looked up by its client order id before anything is sent again;
 * {@link Unavailable}: the call certainly did nothing (429, connection refused). Messages never
 * carry API keys or signatures.
 */
public class BrokerException extends EngineException {
    private static final long serialVersionUID = 1L;

    BrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    public static final class Rejected extends BrokerException {
        private static final long serialVersionUID = 1L;
        private final int code;

        public Rejected(int code, String message) {
            super(message, null);
            this.code = code;
        }

        /** Binance's error code (-1013 filter failure, -2010 new order rejected, ...), 0 for our own checks. */
        public int code() {
            return code;
        }
    }

    public static final class OutcomeUnknown extends BrokerException {
        private static final long serialVersionUID = 1L;

        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static final class Unavailable extends BrokerException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
