package io.tradingbots.engine.backtest;

import java.util.List;

/**
 * Figures of one equity curve (formulas in docs/backtesting.md). Ratios are fractions (0.1 = 10%).
 * NaN means "not defined" (no trades for a win rate, no losing trade for a profit factor with no
 * winner either); profit factor is +Infinity with winners and no losers.
 */
public record Metrics(double finalEquity, double totalReturn, double annualizedReturn, double maxDrawdown, double sharpe,
                      double sortino, double winRate, double profitFactor, double exposure, int trades, double feesPaid) {

    static final double YEAR_MS = 365.0 * 24 * 3600 * 1000;

    /**
     * @param equity    close-marked equity of each bar of the range, in order
     * @param n         bars used from {@code equity}
     * @param barMillis length of a bar
     * @param closed    closed trades (win rate, profit factor); the open position counts as a trade
     *                  in {@code trades} but not in win rate or profit factor
     */
    static Metrics of(double capital, double[] equity, int n, long barMillis, List<Trade> closed, boolean open,
                      int barsInPosition, double fees) {
        double last = equity[n - 1];
        double total = last / capital - 1;
        double years = n * (double) barMillis / YEAR_MS;
        double annual = last <= 0 ? -1 : Math.pow(last / capital, 1 / years) - 1;
        // one pass, no division on a flat bar or while above the worst drawdown so far: this runs for
        // every backtest of a sweep, and divisions are what a pass over a million bars costs
        double peak = capital;
        double maxDd = 0;
        double floor = peak; // equity under peak x (1 - maxDd) is a new worst drawdown
        double prev = capital;
        double sum = 0;
        double sumSq = 0;
        double downSq = 0;
        for (int i = 0; i < n; i++) {
            double e = equity[i];
            if (e > peak) {
                peak = e;
                floor = peak * (1 - maxDd);
            } else if (e < floor) {
                maxDd = Math.max(maxDd, 1 - e / peak);
                floor = peak * (1 - maxDd);
            }
            if (e != prev) {
                double r = e / prev - 1;
                sum += r;
                sumSq += r * r;
                if (r < 0) {
                    downSq += r * r;
                }
                prev = e;
            }
        }
        double mean = sum / n;
        // sample variance: (sum of r^2 - n mean^2) / (n - 1), the same quantity as sum of (r - mean)^2 / (n - 1)
        double sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : Double.NaN;
        double downDev = Math.sqrt(downSq / n);
        double perYear = Math.sqrt(YEAR_MS / barMillis);
        double sharpe = sd > 0 ? mean / sd * perYear : Double.NaN;
        double sortino = downDev > 0 ? mean / downDev * perYear : Double.NaN;
        int wins = 0;
        double won = 0;
        double lost = 0;
        for (Trade t : closed) {
            if (t.profit() > 0) {
                wins++;
                won += t.profit();
            } else {
                lost -= t.profit();
            }
        }
        double winRate = closed.isEmpty() ? Double.NaN : wins / (double) closed.size();
        double pf = lost > 0 ? won / lost : won > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        return new Metrics(last, total, annual, maxDd, sharpe, sortino, winRate, pf, barsInPosition / (double) n,
                closed.size() + (open ? 1 : 0), fees);
    }

    /** A metric by name, for ranking sweeps (higher is better; drawdown is negated). */
    public double byName(String name) {
        return switch (name) {
            case "return", "totalReturn" -> totalReturn;
            case "annualized", "annualizedReturn" -> annualizedReturn;
            case "sharpe" -> sharpe;
            case "sortino" -> sortino;
            case "drawdown", "maxDrawdown" -> -maxDrawdown;
            case "profitFactor" -> profitFactor;
            case "winRate" -> winRate;
            default -> throw new IllegalArgumentException("unknown metric '" + name + "': use " + RANKABLE);
        };
    }

    public static final List<String> RANKABLE = List.of("sharpe", "sortino", "return", "annualized", "drawdown",
            "profitFactor", "winRate");

    public static String checkRankable(String name) {
        if (!RANKABLE.contains(name)) {
            throw new IllegalArgumentException("unknown metric '" + name + "': use one of " + RANKABLE);
        }
        return name;
    }
}
