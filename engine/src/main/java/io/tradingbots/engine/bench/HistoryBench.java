package io.tradingbots.engine.bench;

import picocli.CommandLine.Command;

/** {@code tb bench history}: candle store and fetcher figures. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Candle store and history fetcher benchmarks.",
        subcommands = {HistoryStoreBench.Ingest.class, HistoryStoreBench.Read.class, HistoryFetchBench.class})
final class HistoryBench implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
