package io.tradingbots.shared;

/** The API generation both sides are built for; reported by GetInfo and checked by clients. */
public final class ApiVersion {
    /** Bump when a change to {@code tradingbots.v1} would break an older client. */
    public static final int CURRENT = 1;

    private ApiVersion() {}
}
