package io.tradingbots.desktop.history;

import io.tradingbots.api.v1.FetchProgress;
import io.tradingbots.desktop.support.Formats;
import java.time.Duration;
import java.util.Locale;

/**
 * One fetch job as the jobs table shows it. {@code progress} is 0..1 for the progress bar, or -1
 * (indeterminate) before the engine has said how much there is to do.
 */
public record FetchJobRow(String jobId, String series, String state, double progress, String percent,
                          String candles, String rate, String eta, String note, boolean running) {

    /** A job the engine accepted but has not reported on yet. */
    static FetchJobRow started(String jobId, String series) {
        return new FetchJobRow(jobId, series, "starting", -1, Formats.MISSING, Formats.MISSING, Formats.MISSING,
                Formats.MISSING, "", true);
    }

    FetchJobRow with(FetchProgress p) {
        boolean known = p.getTotalCandles() > 0;
        double fraction = known ? Math.min(1.0, (double) p.getDoneCandles() / p.getTotalCandles())
                : p.getState() == FetchProgress.State.STATE_DONE ? 1.0 : -1;
        String candles = Formats.count(p.getDoneCandles()) + " / " + Formats.count(p.getTotalCandles())
                + " (" + Formats.count(p.getStoredCandles()) + " stored)";
        String eta = p.getEtaMs() < 0 || p.getState() != FetchProgress.State.STATE_RUNNING
                ? Formats.MISSING : Formats.duration(Duration.ofMillis(p.getEtaMs()));
        return new FetchJobRow(jobId, series, Formats.enumWord(p.getState(), "STATE_"), fraction,
                fraction < 0 ? Formats.MISSING : String.format(Locale.US, "%.0f%%", fraction * 100),
                candles, String.format(Locale.US, "%,.0f/s", p.getRatePerSecond()), eta, p.getMessage(),
                p.getState() == FetchProgress.State.STATE_RUNNING
                        || p.getState() == FetchProgress.State.STATE_UNSPECIFIED);
    }

    /** The progress stream broke; the row says so until the next message. */
    FetchJobRow interrupted(String reason) {
        return new FetchJobRow(jobId, series, state, progress, percent, candles, rate, eta, reason, running);
    }
}
