package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleFileReaderTest {

    /** Real Binance candles kept beside the project (see ../shared/data/market/README.md). */
    static Path sharedMarketData(String file) {
        Path p = Path.of("..", "..", "shared", "data", "market", file).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(p), "real market data not found at " + p + ": test skipped (CI has ../shared)");
        return p;
    }

    @TempDir
    Path dir;

    @Test
    void theRealDirtyHourlyCsvResolvesEveryRepeatedOpenTimeToTheLargerVolume() {
        CandleFileReader.Parsed p = CandleFileReader.read(sharedMarketData("Binance_ETHUSDT_1h.csv"), "ETH/USD", Timeframe.H1);
        assertThat(p.rowsRead()).isEqualTo(36_062);
        assertThat(p.badRows()).isEmpty();
        assertThat(p.duplicateRows() + p.conflicts()).isEqualTo(36_062 - p.candles().size());
        assertThat(p.conflicts()).isPositive();
        assertThat(p.gaps()).isNotEmpty().allSatisfy(g -> assertThat(g.length()).isBetween(3_600_000L, 5 * 3_600_000L));
        for (int i = 1; i < p.candles().size(); i++) {
            assertThat(p.candles().get(i).openTime()).isGreaterThan(p.candles().get(i - 1).openTime());
        }
    }

    @Test
    void mixedSecondsAndMillisecondsAndAConflictKeepTheCompleteCandle() throws IOException {
        Path f = dir.resolve("cdd.csv");
        Files.writeString(f, "unix,date,symbol,open,high,low,close,Volume BTC,Volume USDT,tradecount\n"
                + "1600000000000,2020-09-13 12:00:00,BTCUSDT,10,12,9,11,50,500,NULL\n"       // ms (12:26:40 -> floor?)
                + "1599998400.0,2020-09-13 12-PM,BTCUSDT,10,11,9,10,2,20,NULL\n"              // s, partial
                + "1599998400000,2020-09-13 12:00:00,BTCUSDT,10,13,8,12,40,400,7\n"           // ms, complete
                + "1599998400000,2020-09-13 12:00:00,BTCUSDT,10,13,8,12,40,400,7\n");         // exact repeat
        CandleFileReader.Parsed p = CandleFileReader.read(f, "BTC/USD", Timeframe.H1);
        assertThat(p.rowsRead()).isEqualTo(4);
        assertThat(p.conflicts()).isEqualTo(1);
        assertThat(p.duplicateRows()).isEqualTo(1);
        assertThat(p.badRows()).extracting(CandleFileReader.BadRow::line).containsExactly(2L); // 1600000000000 is not on the hour
        assertThat(p.candles()).singleElement().extracting(Candle::volume).isEqualTo(new java.math.BigDecimal("40"));
    }

    @Test
    void aTruncatedLastLineIsABadRowNamedByItsLineNumber() throws IOException {
        Path f = dir.resolve("cut.csv");
        Files.writeString(f, "openTime,open,high,low,close,volume\n1600000200000,1,2,1,2,10\n1600000260000,1,2,1,2,10\n1600000320000,1,2");
        CandleFileReader.Parsed p = CandleFileReader.read(f, "BTC/USD", Timeframe.M1);
        assertThat(p.candles()).hasSize(2);
        assertThat(p.badRows()).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(4);
            assertThat(b.toString()).contains("line 4").contains("truncated");
        });
    }

    @Test
    void wrongColumnsAreRefusedNamingTheHeader() throws IOException {
        Path f = dir.resolve("cols.csv");
        Files.writeString(f, "when,price,amount\n1,2,3\n");
        assertThatThrownBy(() -> CandleFileReader.read(f, "BTC/USD", Timeframe.M1))
                .isInstanceOf(EngineException.class).hasMessageContaining("line 1").hasMessageContaining("when,price,amount");
    }

    @Test
    void readsBinanceKlineJsonAndHeaderlessKlineCsvWithMicroseconds() throws IOException {
        Path json = dir.resolve("k.json");
        Files.writeString(json, "[[1600000200000,\"1.5\",\"2\",\"1\",\"2\",\"10\",1600000259999,\"0\",3,\"0\",\"0\",\"0\"],"
                + "[1600000260000,\"1\",\"2\",\"1\",\"2\",\"10\",1600000319999,\"0\",3,\"0\",\"0\",\"0\"], [\"x\"]]");
        CandleFileReader.Parsed p = CandleFileReader.read(json, "BTC/USD", Timeframe.M1);
        assertThat(p.candles()).hasSize(2);
        assertThat(p.candles().get(0).open()).isEqualTo(new java.math.BigDecimal("1.5"));
        assertThat(p.badRows()).singleElement().hasToString("element 3: not [openTime, open, high, low, close, volume, ...]: [\"x\"]");

        Path csv = dir.resolve("k.csv");
        Files.writeString(csv, "1600000200000000,1,2,1,2,10,1600000259999999,0,3,0,0,0\n");
        assertThat(CandleFileReader.read(csv, "BTC/USD", Timeframe.M1).candles())
                .singleElement().extracting(Candle::openTime).isEqualTo(1_600_000_200_000L);
    }
}
