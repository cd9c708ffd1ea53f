package io.tradingbots.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tradingbots.engine.cli.TbCommand;
import io.tradingbots.engine.market.Timeframe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BacktestCommandTest {

    @TempDir
    Path dir;

    Path csv;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = TbCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    /** 3,000 synthetic hourly candles from 2020-09-13T12:00Z as a CSV file. */
    @BeforeEach
    void writeCandles() throws IOException {
        Bars b = SyntheticBars.generate("BTC/USD", Timeframe.H1, 3_000, 5, 1_600_000_000_000L - 1_600_000_000_000L % 3_600_000L);
        StringBuilder sb = new StringBuilder("openTime,open,high,low,close,volume\n");
        for (int i = 0; i < b.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s%n", b.openTime(i), Report.plain(b.open(i)), Report.plain(b.high(i)),
                    Report.plain(b.low(i)), Report.plain(b.close(i)), Report.plain(b.volume(i))));
        }
        csv = dir.resolve("btc-1h.csv");
        Files.writeString(csv, sb);
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void backtestsStoredCandlesAndWritesTheContractsJson() throws IOException {
        assertThat(run("history", "import", csv.toString(), "--symbol", "BTC/USD", "--timeframe", "1h", "--data-dir", data()).code())
                .isZero();
        Path json = dir.resolve("r.json");
        Run r = run("backtest", "--symbol", "BTC/USD", "--timeframe", "1h", "--strategy", "sma-cross", "--param", "fast=10",
                "--param", "slow=30", "--fee", "0.001", "--capital", "1000", "--json", json.toString(), "--data-dir", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sma-cross fast=10 slow=30 on import BTC/USD 1h: 3,000 bars").contains("buy-and-hold")
                .contains("max drawdown").contains("sortino").contains("fees paid");
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(o.getAsJsonArray("trades")).isNotEmpty();
        JsonObject t = o.getAsJsonArray("trades").get(0).getAsJsonObject();
        assertThat(t.keySet()).contains("entryTime", "entryPrice", "exitTime", "exitPrice", "quantity", "profit");
        assertThat(t.get("entryTime").getAsLong() % 3_600_000L).isZero(); // an open time
        assertThat(o.get("finalEquity").getAsDouble()).isPositive();
        assertThat(o.getAsJsonObject("metrics").keySet()).contains("totalReturn", "annualizedReturn", "maxDrawdown", "sharpe",
                "sortino", "winRate", "profitFactor", "exposure", "trades", "feesPaid");
        assertThat(o.getAsJsonObject("buyAndHold").get("exposure").getAsDouble()).isEqualTo(1.0);

        // the same candles from the file give the same JSON trades; a sub-range gives fewer bars
        Path json2 = dir.resolve("f.json");
        assertThat(run("backtest", "--file", csv.toString(), "--timeframe", "1h", "--strategy", "sma-cross", "--json", json2.toString())
                .code()).isZero();
        assertThat(JsonParser.parseString(Files.readString(json2)).getAsJsonObject().get("trades"))
                .isEqualTo(o.get("trades"));
        Run part = run("backtest", "--symbol", "BTC/USD", "--timeframe", "1h", "--strategy", "scalp", "--from", "2020-10-01",
                "--to", "2020-10-15", "--data-dir", data());
        assertThat(part.code()).as(part.err()).isZero();
        assertThat(part.out()).contains(": 336 bars, 2020-10-01T00:00:00Z");
    }

    @Test
    void helpAndTheStrategyListNameEveryStrategyAndParameter() {
        for (String cmd : new String[] {"backtest", "sweep", "walkforward"}) {
            Run r = run(cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: tb " + cmd).contains("--timeframe").contains("--fee");
        }
        Run list = run("backtest", "--list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("sma-cross: ").contains("  fast           default 10         [1, 10000]")
                .contains("scalp: ").contains("momentum: ").contains("arbitrage: ").contains("hedge: ")
                .contains("  base           default sma-cross  one of [sma-cross, scalp, momentum]");
    }

    @Test
    void arbitrageRunsOnTwoFilesAlignedByOpenTime() throws IOException {
        List<String> lines = Files.readAllLines(csv);
        StringBuilder other = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            if (i % 100 == 0) {
                continue; // the other source misses some candles
            }
            String[] f = lines.get(i).split(",");
            double k = i % 7 == 0 ? 1.01 : 1.0; // and is dearer now and then
            other.append(f[0]);
            for (int j = 1; j <= 4; j++) {
                other.append(',').append(Report.plain(Double.parseDouble(f[j]) * k));
            }
            other.append(',').append(f[5]).append('\n');
        }
        Path second = dir.resolve("other.csv");
        Files.writeString(second, other);
        Run r = run("backtest", "--file", csv.toString(), "--second-file", second.toString(), "--timeframe", "1h",
                "--strategy", "arbitrage", "--param", "threshold=0.005");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("btc-1h.csv vs other.csv (2,970 shared bars of 3,000)").contains("(ta4j path)");
        assertThat(r.out()).containsPattern("trades\\s+[1-9]");
    }

    @Test
    void theBenchChecksThatTheThreePathsAgreeBeforeTimingThem() {
        Run r = run("bench", "backtest", "--part", "speed", "--bars", "10000", "--runs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("all three paths:").contains("(identical)").contains("engine, fast path (auto)")
                .contains("ratio engine fast path / plain loop");
    }

    @Test
    void aLossIsSaidPlainly() {
        Run r = run("backtest", "--file", csv.toString(), "--timeframe", "1h", "--strategy", "sma-cross", "--param", "fast=2",
                "--param", "slow=3", "--fee", "0.01");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("LOSS: the strategy lost").contains("WORSE THAN HOLDING");
    }

    private static void oneLineError(Run r, String message) {
        assertThat(r.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
        assertThat(r.err()).contains(message);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badInputIsOneLineAndANonZeroExitAndWritesNothing() {
        Path json = dir.resolve("never.json");
        String f = csv.toString();
        oneLineError(run("backtest", "--file", f, "--timeframe", "1h", "--strategy", "moon", "--json", json.toString()),
                "unknown strategy 'moon': use one of [sma-cross, scalp, momentum, arbitrage, hedge]");
        oneLineError(run("backtest", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--param", "fats=3"),
                "unknown parameter 'fats' for sma-cross: use [fast, slow]");
        oneLineError(run("backtest", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--param", "fast=30", "--param", "slow=30"),
                "sma-cross: fast=30 must be less than slow=30");
        oneLineError(run("backtest", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--param", "fast=40"),
                "sma-cross: fast=40 must be less than slow=30");
        oneLineError(run("backtest", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--fee", "0.1"),
                "fee 0.1 is outside [0, 0.1)");
        oneLineError(run("backtest", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--fee", "-0.001"),
                "fee -0.001 is outside [0, 0.1)");
        oneLineError(run("backtest", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--from", "2030-01-01"),
                "no candles in " + f + " in 2030-01-01T00:00:00Z .. the end");
        oneLineError(run("backtest", "--file", f, "--timeframe", "1h", "--strategy", "arbitrage"),
                "arbitrage needs the other source");
        oneLineError(run("sweep", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--range", "fats=1:5"),
                "unknown parameter 'fats'");
        oneLineError(run("sweep", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--range", "fast=2:10:2.5"),
                "sma-cross: fast=4.5 is not a whole number");
        oneLineError(run("sweep", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--range", "fast=0:10"),
                "sma-cross: fast=0 is outside [1, 10000]");
        oneLineError(run("sweep", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--range", "fast=30:40",
                "--range", "slow=10:20"), "no valid combination in those ranges (121 invalid");
        oneLineError(run("sweep", "--file", f, "--timeframe", "1h", "--strategy", "sma-cross", "--range", "fast=1:5", "--rank", "luck"),
                "unknown metric 'luck'");
        assertThat(json).doesNotExist();
    }

    @Test
    void aRangeWithNoStoredCandlesIsOneLine() {
        run("history", "import", csv.toString(), "--symbol", "BTC/USD", "--timeframe", "1h", "--data-dir", data());
        oneLineError(run("backtest", "--symbol", "BTC/USD", "--timeframe", "1h", "--strategy", "sma-cross", "--from", "2015-01-01",
                "--to", "2015-02-01", "--data-dir", data()),
                "no import BTC/USD 1h candles in 2015-01-01T00:00:00Z .. 2015-02-01T00:00:00Z: see 'tb history inventory'");
        oneLineError(run("backtest", "--symbol", "ETH/USD", "--timeframe", "1h", "--strategy", "sma-cross", "--data-dir", data()),
                "no ETH/USD 1h candles are stored: see 'tb history inventory'");
    }

    @Test
    void sweepRanksEveryCombinationWithAProgressBarAndWalkforwardSeparatesInFromOutOfSample() {
        Run s = run("sweep", "--file", csv.toString(), "--timeframe", "1h", "--strategy", "sma-cross", "--range", "fast=2:20:2",
                "--range", "slow=10:60:10", "--threads", "2", "--top", "3");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("53 combinations (7 invalid skipped)").contains("on 2 threads")
                .contains("14 averages computed and shared") // 10 fast and 6 slow lengths, 10 and 20 in both
                .contains("   1  fast=").contains("   3  fast=").doesNotContain("   4  fast=");
        assertThat(s.err()).contains("100% of the combinations");
        Run rnd = run("sweep", "--file", csv.toString(), "--timeframe", "1h", "--strategy", "momentum", "--range", "fast=5:20",
                "--range", "trail=0.02:0.1:0.02", "--random", "12", "--top", "2");
        assertThat(rnd.code()).as(rnd.err()).isZero();
        assertThat(rnd.out()).contains("12 combinations");

        Run w = run("walkforward", "--file", csv.toString(), "--timeframe", "1h", "--strategy", "sma-cross", "--range", "fast=2:20:6",
                "--range", "slow=30:90:30", "--train", "1000", "--test", "500");
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(w.out()).contains("4 windows of 1,000 in-sample + 500 out-of-sample bars").contains("in sample (the winners")
                .contains("out of sample (what counts): chained return").contains("windows losing to buy-and-hold:");
        assertThat(w.out().lines().filter(l -> l.matches("\\s+[1-4]  .*\\|.*\\|.*")).count()).isEqualTo(4);
    }
}
