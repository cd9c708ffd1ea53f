package io.tradingbots.desktop.engine;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Says what a failed call means for the user, and what to do about it. */
public final class EngineErrors {

    public static final String REFUSED_TOKEN =
            "the engine refused the token: copy <data-dir>/api-token again (default ~/.tradingbots/api-token)";

    private EngineErrors() {}

    /** A refusal (bad argument, missing version, wrong state) keeps the engine's own explanation. */
    public static EngineException failure(StatusRuntimeException e, String target) {
        String message = switch (e.getStatus().getCode()) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND, ALREADY_EXISTS, RESOURCE_EXHAUSTED ->
                    e.getStatus().getDescription() == null ? describe(e, target) : e.getStatus().getDescription();
            default -> describe(e, target);
        };
        return new EngineException(message, e);
    }

    /** True when the engine answered that it has no such service (an older engine, or one not yet built with it). */
    public static boolean isUnimplemented(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable failure, String target) {
        Status status = Status.fromThrowable(failure);
        switch (status.getCode()) {
            case UNAUTHENTICATED:
                return REFUSED_TOKEN;
            case UNAVAILABLE:
                return unavailable(status, target);
            case DEADLINE_EXCEEDED:
                return "the engine at " + target + " did not answer in time: is it overloaded? is the SSH tunnel up?";
            case UNIMPLEMENTED:
                return target + " answered, but it is not a Trading Bots engine (or a much older one)";
            case CANCELLED:
                return "the engine at " + target + " cancelled the call: is it shutting down?";
            default:
                return "the engine at " + target + " failed: " + status.getCode() + describeDetail(status);
        }
    }

    private static String unavailable(Status status, String target) {
        if (causedBy(status.getCause(), UnknownHostException.class)) {
            return "unknown host in " + target + ": check the spelling";
        }
        String description = String.valueOf(status.getDescription()).toLowerCase(Locale.ROOT);
        if (causedBy(status.getCause(), ConnectException.class) || description.contains("connection refused")) {
            return "no engine at " + target + ": is it running? is the SSH tunnel up?";
        }
        return "lost the engine at " + target + describeDetail(status);
    }

    private static String describeDetail(Status status) {
        return status.getDescription() == null ? "" : ": " + status.getDescription();
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
