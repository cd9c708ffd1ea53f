package io.tradingbots.engine.bench;

import picocli.CommandLine.Command;

/** {@code tb bench}: the performance figures quoted in docs/benchmarks.md, reproducible on any machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures (see docs/benchmarks.md).",
        subcommands = {StartupBench.class, StreamLatencyBench.class, StalledClientBench.class,
                HistoryBench.class, BacktestBench.class, JournalBench.class, RiskBench.class, RuntimeBench.class, FootprintBench.class,
                HealthBench.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
