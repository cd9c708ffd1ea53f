package io.tradingbots.engine.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by {@code tb sweep} and {@code tb walkforward}. */
final class SweepOptions {

    @Option(names = "--strategy", required = true, description = "Strategy name.")
    String strategy;

    @Option(names = "--range", paramLabel = "NAME=FROM:TO[:STEP]", required = true,
            description = "A parameter's values (repeat), e.g. --range fast=5:50:5 --range slow=20:200:10.")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter held at one value (repeat).")
    Map<String, String> fixed = new LinkedHashMap<>();

    @Option(names = "--random", defaultValue = "0", paramLabel = "N",
            description = "Try N distinct combinations drawn at random from the grid instead of all of it.")
    int random;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of --random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rank", defaultValue = "sharpe",
            description = "Metric to rank by: sharpe, sortino, return, annualized, drawdown, profitFactor, winRate (default: ${DEFAULT-VALUE}).")
    String rank;

    @Option(names = "--threads", description = "Threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--fee", defaultValue = "0.001", description = "Fee per fill as a fraction, in [0, 0.1) (default: ${DEFAULT-VALUE}).")
    double fee;

    @Option(names = "--capital", defaultValue = "1000", description = "Starting cash (default: ${DEFAULT-VALUE}).")
    double capital;

    @Option(names = "--slippage-bps", defaultValue = "0", description = "Basis points against each fill (default: ${DEFAULT-VALUE}).")
    double slippageBps;

    Sweep.Spec spec() {
        List<ParamRange> rs = new ArrayList<>();
        for (String r : ranges) {
            rs.add(ParamRange.parse(r));
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Sweep.Spec s = new Sweep.Spec(strategy, fixed, rs, random, seed, rank, t);
        Sweep.check(s);
        BacktestRequest.checkFee(fee);
        return s;
    }
}
