package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay files: any supported layout, timeframe taken from the spacing of open times. */
class ReplayFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRealOneMinuteJsonSample() {
        List<Candle> candles = CandleFileReader.readInferringTimeframe(CandleFileReaderTest.sharedMarketData("ETHBTC_1m_sample.json"), "ETH/BTC").candles();
        assertThat(candles).hasSize(13_681);
        assertThat(candles.get(0).timeframe()).isEqualTo(Timeframe.M1);
        for (int i = 1; i < candles.size(); i++) {
            assertThat(candles.get(i).openTime()).isGreaterThan(candles.get(i - 1).openTime());
        }
    }

    @Test
    void readsTheRealDirtyHourlyCsvNewestFirstMixedUnitsAndDuplicates() {
        List<Candle> candles = CandleFileReader.readInferringTimeframe(CandleFileReaderTest.sharedMarketData("Binance_BTCUSDT_1h.csv"), "BTC/USD").candles();
        // 36,062 rows of which 2,649 open times appear twice: one candle per open time remains.
        assertThat(candles).hasSize(36_062 - 2_649);
        assertThat(candles.get(0).timeframe()).isEqualTo(Timeframe.H1);
        assertThat(candles.get(0).openTime()).isEqualTo(1_502_942_400_000L); // 2017-08-17 04:00 UTC
        for (int i = 1; i < candles.size(); i++) {
            assertThat(candles.get(i).openTime() % 3_600_000).isZero();
            assertThat(candles.get(i).openTime()).isGreaterThan(candles.get(i - 1).openTime());
        }
    }

    @Test
    void keepsTheCompleteCandleWhenAnOpenTimeRepeats() throws IOException {
        Path f = dir.resolve("dup.csv");
        Files.writeString(f, "openTime,open,high,low,close,volume\n"
                + "1600000080000,1,2,1,2,10\n1600000020000,1,1,1,1,3\n1600000020000,1,5,1,4,30\n1600000020000,1,3,1,2,7\n");
        List<Candle> candles = CandleFileReader.readInferringTimeframe(f, "X").candles();
        assertThat(candles).hasSize(2);
        assertThat(candles.get(0).openTime()).isEqualTo(1_600_000_020_000L);
        assertThat(candles.get(0).timeframe()).isEqualTo(Timeframe.M1);
        assertThat(candles.get(0).close()).isEqualByComparingTo("4");
        assertThat(candles.get(0).volume()).isEqualByComparingTo("30");
    }

    @Test
    void aBadLineIsReportedWithItsNumber() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "openTime,open,high,low,close,volume\n1600000020000,1,2,1,2,10\n1600000080000,1,x,1,2,10\n");
        assertThatThrownBy(() -> CandleFileReader.readInferringTimeframe(f, "X").candles()).isInstanceOf(EngineException.class).hasMessageContaining("line 3");
    }

    @Test
    void aWrongHeaderSaysWhichColumnsAreNeeded() throws IOException {
        Path f = dir.resolve("cols.csv");
        Files.writeString(f, "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> CandleFileReader.readInferringTimeframe(f, "X").candles()).hasMessageContaining("must name a time column");
    }
}
