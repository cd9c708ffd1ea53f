package io.tradingbots.engine.history;

/**
 * How far a fetch is: candle slots of the asked ranges that the exchange has answered for
 * ({@code done} of {@code total}), candles newly stored, calls made and the waits behind them.
 */
public record FetchProgress(State state, long total, long done, long stored, long requests, long retries,
                            long rateLimited, long elapsedMs, String message) {

    public enum State { RUNNING, DONE, FAILED, CANCELLED }

    public double percent() {
        return total == 0 ? 100.0 : 100.0 * done / total;
    }

    /** Candle slots per second so far. */
    public double rate() {
        return elapsedMs == 0 ? 0 : done * 1000.0 / elapsedMs;
    }

    /** Estimated ms to go, or -1 before there is a rate. */
    public long etaMs() {
        double r = rate();
        return r <= 0 ? -1 : (long) ((total - done) / r * 1000);
    }

    /** One terminal line: bar, percent, counts, rate and ETA. */
    public String line() {
        int width = 30;
        int filled = (int) Math.min(width, Math.round(percent() / 100 * width));
        long eta = etaMs();
        String etaText = eta < 0 ? "--:--" : String.format("%d:%02d:%02d", eta / 3_600_000, eta / 60_000 % 60, eta / 1000 % 60);
        return String.format(java.util.Locale.ROOT, "[%s%s] %5.1f%% %,d/%,d candles, %,d new, %,.0f/s, ETA %s%s",
                "#".repeat(filled), ".".repeat(width - filled), percent(), done, total, stored, rate(), etaText,
                rateLimited > 0 ? ", " + rateLimited + " rate-limit wait(s)" : "");
    }
}
