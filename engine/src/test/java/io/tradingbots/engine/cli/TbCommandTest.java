package io.tradingbots.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TbCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = TbCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void unknownFlagIsAUsageErrorWithAHint() {
        Run r = run("engine", "--bogus");
        assertThat(r.code()).isEqualTo(TbCommand.EXIT_USAGE);
        assertThat(r.err()).contains("Unknown option: '--bogus'").contains("tb engine --help");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"engine", "info", "watch", "version"}) {
            Run r = run(cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: tb " + cmd);
        }
    }

    @Test
    void aNonLoopbackListenAddressIsRefusedBeforeAnythingStarts() {
        Run r = run("engine", "--data-dir", dir.resolve("d").toString(), "--listen", "0.0.0.0:50051");
        assertThat(r.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
        assertThat(r.err()).contains("not a loopback address").contains("SSH tunnel");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void badValuesAreOneLineErrors() {
        assertThat(run("engine", "--mode", "live").err()).contains("--mode live needs --keys FILE");
        assertThat(run("engine", "--mode", "moon").err()).contains("use 'paper' or 'live'");
        assertThat(run("engine", "--market", "moon").err()).contains("use 'sim' or 'replay'");
        assertThat(run("engine", "--speed", "-1").err()).contains("--speed must be in");
        assertThat(run("engine", "--market", "replay").err()).contains("needs at least one --replay");
        assertThat(run("engine", "--listen", "127.0.0.1:x").err()).contains("not a number");
        Run r = run("engine", "--speed", "fast");
        assertThat(r.code()).isEqualTo(TbCommand.EXIT_USAGE);
    }

    @Test
    void clientCommandsExplainAMissingToken() {
        Run r = run("info", "--data-dir", dir.toString(), "--target", "127.0.0.1:1");
        assertThat(r.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
        assertThat(r.err()).contains("cannot read the API token").contains("start the engine once");
    }

    @Test
    void versionPrintsTheBuild() {
        Run r = run("version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("version").contains("commit").contains("tradingbots.v1");
    }
}
