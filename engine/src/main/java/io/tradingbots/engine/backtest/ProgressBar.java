package io.tradingbots.engine.backtest;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn at most every 200 ms; thread-safe. */
final class ProgressBar implements BacktestRunner.Progress {

    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String what;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    @Override
    public synchronized void report(double fraction) {
        long now = System.nanoTime();
        if (fraction < 1 && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
        err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %s %.1f s", "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, what,
                (now - start) / 1e9);
        err.flush();
    }

    synchronized void done() {
        err.println();
        err.flush();
    }
}
