package io.tradingbots.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.Engine;
import io.tradingbots.engine.EngineConfig;
import io.tradingbots.engine.bot.BotConfig;
import io.tradingbots.shared.HostPort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tb risk} against a real engine in this JVM: the halt is stored and survives a restart. */
class RiskCommandTest {

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

    private Engine start() {
        return new Engine(new EngineConfig(dir, HostPort.parse("127.0.0.1:0"), EngineConfig.MarketKind.SIM, 42, 60, Map.of(),
                new BigDecimal("1000"), List.of(BotConfig.defaultCore()))).start(d -> {});
    }

    @Test
    void haltSurvivesARestartAndResumeNeedsAReason() {
        String target;
        try (Engine engine = start()) {
            target = "127.0.0.1:" + engine.port();
            Run status = run("risk", "status", "--target", target, "--data-dir", dir.toString());
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains("trading       allowed").contains("equity        1000").contains("sma-core");

            Run halt = run("risk", "halt", "--reason", "exchange maintenance", "--target", target, "--data-dir", dir.toString());
            assertThat(halt.code()).as(halt.err()).isZero();
            assertThat(halt.out()).isEqualTo("tb: trading halted: exchange maintenance" + System.lineSeparator());
        }
        try (Engine engine = start()) {
            target = "127.0.0.1:" + engine.port();
            Run status = run("risk", "status", "--target", target, "--data-dir", dir.toString());
            assertThat(status.out()).contains("trading       HALTED (manual, by ").contains("): exchange maintenance");

            Run noReason = run("risk", "resume", "--target", target, "--data-dir", dir.toString());
            assertThat(noReason.code()).isEqualTo(TbCommand.EXIT_USAGE);
            assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");
            Run blank = run("risk", "resume", "--reason", " ", "--target", target, "--data-dir", dir.toString());
            assertThat(blank.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
            assertThat(blank.err()).isEqualTo("tb: error: --reason must say why trading may start again" + System.lineSeparator());

            Run resume = run("risk", "resume", "--reason", "maintenance over", "--target", target, "--data-dir", dir.toString());
            assertThat(resume.code()).as(resume.err()).isZero();
            assertThat(run("risk", "status", "--target", target, "--data-dir", dir.toString()).out()).contains("trading       allowed");
            Run again = run("risk", "resume", "--reason", "twice", "--target", target, "--data-dir", dir.toString());
            assertThat(again.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
            assertThat(again.err()).contains("FAILED_PRECONDITION: trading is not halted");
        }
    }
}
