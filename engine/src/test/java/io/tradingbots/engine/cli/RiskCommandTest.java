package io.tradingbots.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.Engine;
import io.tradingbots.engine.EngineConfig;
import io.tradingbots.engine.bot.BotConfig;
import io.tradingbots.engine.bot.BotStatus;
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
            System.out.print(status.out());
            assertThat(status.out()).contains("trading       allowed").contains("equity        1000").contains("sma-core");
            // The simulated market's three days of history warm the hourly regime analysis up.
            assertThat(status.out()).containsPattern("regime        BTC/USD 1h: (trending up|trending down|ranging|high volatility) for \\d+ candles \\(ADX")
                    .contains("regime        ETH/USD 1h: ");

            Run halt = run("risk", "halt", "--reason", "exchange maintenance", "--target", target, "--data-dir", dir.toString());
            assertThat(halt.code()).as(halt.err()).isZero();
            assertThat(halt.out()).isEqualTo("tb: trading halted: exchange maintenance" + System.lineSeparator());
        }
        try (Engine engine = start()) {
            target = "127.0.0.1:" + engine.port();
            Run status = run("risk", "status", "--target", target, "--data-dir", dir.toString());
            assertThat(status.out()).contains("trading       HALTED (manual, by ").contains("): exchange maintenance");
            // The dashboard's bot shows the halt too.
            assertThat(engine.hub().snapshot().bots()).allSatisfy(b -> {
                assertThat(b.status()).isEqualTo(BotStatus.HALTED);
                assertThat(b.statusReason()).contains("exchange maintenance");
            });

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

    @Test
    void limitsPrintsTheLimitsAndWhoChangedThem() throws Exception {
        try (Engine engine = start()) {
            String target = "127.0.0.1:" + engine.port();
            Run before = run("risk", "limits", "--target", target, "--data-dir", dir.toString());
            assertThat(before.code()).as(before.err()).isZero();
            assertThat(before.out()).contains("daily loss         10% (entries stop 2 points before)")
                    .contains("changes            none");
            io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forTarget(target).usePlaintext().build();
            try {
                var stub = io.tradingbots.api.v1.RiskServiceGrpc.newBlockingStub(channel).withCallCredentials(
                        new io.tradingbots.shared.BearerAuth(io.tradingbots.shared.ApiToken.read(dir.resolve("api-token"))));
                var limits = stub.getLimits(io.tradingbots.api.v1.GetLimitsRequest.getDefaultInstance()).getLimits();
                stub.setLimits(io.tradingbots.api.v1.SetLimitsRequest.newBuilder().setLimits(limits.toBuilder().setDailyLossPercent("6"))
                        .setRequestedBy("bob@desk").build());
            } finally {
                channel.shutdownNow();
            }
            Run after = run("risk", "limits", "--target", target, "--data-dir", dir.toString());
            assertThat(after.code()).as(after.err()).isZero();
            assertThat(after.out()).contains("daily loss         6% (entries stop 2 points before)").contains("changes            newest first:")
                    .containsPattern("  \\d{4}-\\d\\d-\\d\\dT[^ ]+  daily_loss_percent +10 -> 6  by bob@desk");
            Run json = run("risk", "limits", "--json", "--target", target, "--data-dir", dir.toString());
            assertThat(json.out()).contains("\"changedBy\": \"bob@desk\"");
        }
    }
}
