package io.tradingbots.engine.cli;

import io.tradingbots.engine.BuildInfo;
import io.tradingbots.shared.ApiVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version, git commit and build time.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BuildInfo b = BuildInfo.current();
        var out = spec.commandLine().getOut();
        out.println("version     " + b.version());
        out.println("commit      " + b.commit());
        out.println("built       " + (b.buildTime().getEpochSecond() == 0 ? "unknown" : b.buildTime()));
        out.println("api         tradingbots.v1 (generation " + ApiVersion.CURRENT + ")");
        out.println("java        " + System.getProperty("java.version"));
        return 0;
    }
}
