package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.cli.TbCommand;
import io.tradingbots.engine.datadir.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HistoryCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = TbCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void importsTheRealDirtyCsvTwiceWithoutDuplicatingAndExportsItAscending() throws IOException {
        Path csv = CandleFileReaderTest.sharedMarketData("Binance_BTCUSDT_1h.csv");
        Run first = run("history", "import", csv.toString(), "--symbol", "BTC/USD", "--timeframe", "1h", "--data-dir", data());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("rows read 36,062; stored 33,413; already stored 0")
                .contains("conflicts resolved 2,649").contains("gaps 8").contains("bad rows 0");
        Run again = run("history", "import", csv.toString(), "--symbol", "BTC/USD", "--timeframe", "1h", "--data-dir", data());
        assertThat(again.out()).contains("stored 0; already stored 33,413");

        Path out = dir.resolve("btc.csv");
        Run export = run("history", "export", "--symbol", "BTC/USD", "--timeframe", "1h", "--out", out.toString(), "--data-dir", data());
        assertThat(export.out()).contains("wrote 33,413 candles");
        var lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("openTime,open,high,low,close,volume");
        assertThat(lines).hasSize(33_414);
        for (int i = 2; i < lines.size(); i++) {
            assertThat(Long.parseLong(lines.get(i).split(",")[0])).isGreaterThan(Long.parseLong(lines.get(i - 1).split(",")[0]));
        }
        Run inv = run("history", "inventory", "--data-dir", data());
        assertThat(inv.out()).contains("import BTC/USD 1h: 33,413 candles, 2017-08-17T04:00:00Z .. 2021-06-10T00:00:00Z")
                .contains("missing 8 ranges (16 candles)");
    }

    @Test
    void aFileWithABadRowStoresNothingAndLeavesWhatWasStoredUnchanged() throws IOException {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "openTime,open,high,low,close,volume\n1600000200000,1,2,1,2,10\n1600000260000,1,2,1,2,10\n");
        assertThat(run("history", "import", good.toString(), "--symbol", "BTC/USD", "--timeframe", "1m", "--data-dir", data()).code()).isZero();
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "openTime,open,high,low,close,volume\n1600000200000,9,9,9,9,99\n1600000320000,1,2,1,2,10\n1600000380000,1,2");
        Run r = run("history", "import", bad.toString(), "--symbol", "BTC/USD", "--timeframe", "1m", "--data-dir", data());
        assertThat(r.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
        assertThat(r.err()).contains("bad.csv: 1 bad row(s), first line 4").contains("nothing was stored");
        Path out = dir.resolve("out.json");
        run("history", "export", "--symbol", "BTC/USD", "--timeframe", "1m", "--format", "json", "--out", out.toString(), "--data-dir", data());
        assertThat(Files.readString(out)).isEqualTo("[\n[1600000200000,\"1\",\"2\",\"1\",\"2\",\"10\"],\n[1600000260000,\"1\",\"2\",\"1\",\"2\",\"10\"]\n]\n");
    }

    @Test
    void badSymbolsTimeframesAndRangesAreOneLineErrors() {
        assertThat(run("history", "export", "--symbol", "btcusd", "--timeframe", "1h", "--out", "x", "--data-dir", data()).err())
                .contains("symbol 'btcusd' is not BASE/QUOTE");
        assertThat(run("history", "export", "--symbol", "BTC/USD", "--timeframe", "2h", "--out", "x", "--data-dir", data()).err())
                .contains("unknown timeframe '2h'");
        assertThat(run("history", "export", "--symbol", "BTC/USD", "--timeframe", "1h", "--out", "x", "--from", "2020-01-02",
                "--to", "2020-01-01", "--data-dir", data()).err()).contains("is not before --to");
        Run missing = run("history", "export", "--symbol", "BTC/USD", "--timeframe", "1h", "--out", "x", "--data-dir", data());
        assertThat(missing.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
        assertThat(missing.err()).contains("no BTC/USD 1h candles are stored");
    }

    @Test
    void whileAnEngineHoldsTheDataDirectoryTheCommandPointsToTheApi() {
        try (DataDirectory held = DataDirectory.open(dir.resolve("data"))) {
            Run r = run("history", "inventory", "--data-dir", data());
            assertThat(r.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
            assertThat(r.err()).contains("an engine is running on").contains("HistoryService");
        }
    }

    @Test
    void fetchPrintsProgressAndASummaryAndRefusesBadSymbolsAndRangesWithOneLine() throws Exception {
        try (io.tradingbots.engine.bench.FakeBinanceUs fake = new io.tradingbots.engine.bench.FakeBinanceUs(6_000, 1_000, 0)) {
            long to = io.tradingbots.engine.market.Timeframe.D1.floor(System.currentTimeMillis());
            Run ok = run("history", "fetch", "--symbol", "BTC/USD", "--symbol", "ETH/USD", "--timeframe", "1h", "--timeframe", "5m",
                    "--from", Long.toString(to - 86_400_000L), "--to", Long.toString(to), "--exchange-url", fake.url(), "--data-dir", data());
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.err()).contains("100.0%").contains("624/624 candles");
            assertThat(ok.out()).contains("fetch done: 624 candle slots answered, 624 new candles stored")
                    .contains("binanceus ETH/USD 5m: 288 candles");

            Run unknown = run("history", "fetch", "--symbol", "XRP/USD", "--timeframe", "1h", "--from", "2020-01-01",
                    "--exchange-url", fake.url(), "--data-dir", data());
            assertThat(unknown.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
            assertThat(unknown.err()).contains("XRP/USD is not listed on binanceus");
            Run future = run("history", "fetch", "--symbol", "BTC/USD", "--timeframe", "1h", "--from", "2999-01-01", "--to", "2999-02-01",
                    "--exchange-url", fake.url(), "--data-dir", data());
            assertThat(future.err()).contains("is in the future");
            Run reversed = run("history", "fetch", "--symbol", "BTC/USD", "--timeframe", "1h", "--from", "2021-01-01", "--to", "2020-01-01",
                    "--exchange-url", fake.url(), "--data-dir", data());
            assertThat(reversed.err()).contains("--from 2021-01-01 is not before --to 2020-01-01");
            Run inv = run("history", "inventory", "--timeframe", "1h", "--data-dir", data());
            assertThat(inv.out()).contains("binanceus BTC/USD 1h: 24 candles").contains("binanceus ETH/USD 1h: 24 candles");
        }
    }

    @Test
    void importingHourlyCandlesAsOneMinuteOnesIsRefusedNamingTheFilesSpacing() {
        Path csv = CandleFileReaderTest.sharedMarketData("Binance_BTCUSDT_1h.csv");
        Run r = run("history", "import", csv.toString(), "--symbol", "BTC/USD", "--timeframe", "1m", "--data-dir", data());
        assertThat(r.code()).isEqualTo(TbCommand.EXIT_PROBLEM);
        assertThat(r.err()).contains("holds candles at least 60 min apart, not 1m candles");
        assertThat(run("history", "inventory", "--data-dir", data()).out()).contains("no candles stored");
    }
}
