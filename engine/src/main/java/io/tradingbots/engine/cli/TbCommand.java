package io.tradingbots.engine.cli;

import io.tradingbots.engine.BuildInfo;
import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.backtest.BacktestCommand;
import io.tradingbots.engine.bench.BenchCommand;
import io.tradingbots.engine.history.HistoryCommand;
import io.tradingbots.engine.order.OrdersCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tb}: the engine and the tools around it. */
@Command(name = "tb",
        mixinStandardHelpOptions = true,
        versionProvider = TbCommand.Version.class,
        description = "Trading Bots: a trading engine with a gRPC API, and tools to talk to it.",
        subcommands = {EngineCommand.class, InfoCommand.class, WatchCommand.class, VersionCommand.class,
                BenchCommand.class, HistoryCommand.class, DeployCommand.class, BacktestCommand.class, io.tradingbots.engine.backtest.SweepCommand.class,
                io.tradingbots.engine.backtest.WalkForwardCommand.class, RiskCommand.class, OrdersCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class TbCommand implements Runnable {

    /** Exit code for a problem the operator can fix (bad setup, busy port, locked directory). */
    public static final int EXIT_PROBLEM = 1;
    /** Exit code for a command line picocli could not understand. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TbCommand());
        cl.setExecutionExceptionHandler(TbCommand::handleError);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("tb: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return cl;
    }

    /** One line for problems the operator can fix; the stack trace only for bugs. */
    private static int handleError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof EngineException || e instanceof IllegalArgumentException) {
            cl.getErr().println("tb: error: " + e.getMessage());
            return EXIT_PROBLEM;
        }
        cl.getErr().println("tb: unexpected error: " + e);
        e.printStackTrace(cl.getErr());
        return EXIT_PROBLEM;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.current().toString()};
        }
    }
}
