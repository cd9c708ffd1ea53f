package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleStoreTest {

    static final SeriesKey BTC_1M = new SeriesKey("binanceus", "BTC/USD", Timeframe.M1);
    static final long T0 = 1_546_300_800_000L; // 2019-01-01T00:00Z

    @TempDir
    Path dir;

    static Candle candle(SeriesKey key, long openTime, String close, String volume) {
        BigDecimal c = new BigDecimal(close);
        return new Candle(key.symbol(), key.timeframe(), openTime, c, c, c, c, new BigDecimal(volume));
    }

    static List<Candle> minutes(int from, int count) {
        List<Candle> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(candle(BTC_1M, T0 + i * 60_000L, "3700." + i, "1.5"));
        }
        return out;
    }

    @Test
    void keepsEveryDecimalExactlyAsGivenAcrossAReopen() {
        Candle odd = new Candle("BTC/USD", Timeframe.M1, T0, new BigDecimal("0.00000001"), new BigDecimal("123456789012345678901234.123456789012"),
                new BigDecimal("-1E+3"), new BigDecimal("37000.10000000"), new BigDecimal("0"));
        try (Database db = Database.openFile(dir)) {
            new CandleStore(db).store(BTC_1M, List.of(odd));
        }
        try (Database db = Database.openFile(dir)) {
            List<Candle> back = new CandleStore(db).read(BTC_1M, new TimeRange(T0, T0 + 60_000));
            assertThat(back).containsExactly(odd);
            assertThat(back.get(0).close().toPlainString()).isEqualTo("37000.10000000");
        }
    }

    @Test
    void aSecondStoreOfTheSameOpenTimesDuplicatesNothingAndChangesNothing() {
        try (Database db = Database.inMemory("store-dup")) {
            CandleStore store = new CandleStore(db);
            assertThat(store.store(BTC_1M, minutes(0, 2_500))).isEqualTo(new CandleStore.WriteResult(2_500, 0));
            List<Candle> changed = new ArrayList<>(minutes(2_000, 1_000));
            changed.set(0, candle(BTC_1M, T0 + 2_000 * 60_000L, "1", "999"));
            assertThat(store.store(BTC_1M, changed)).isEqualTo(new CandleStore.WriteResult(500, 500));
            List<Candle> all = store.read(BTC_1M, new TimeRange(T0, T0 + 10_000 * 60_000L));
            assertThat(all).hasSize(3_000).isEqualTo(minutes(0, 3_000));
            assertThat(store.extent(BTC_1M)).isEqualTo(new CandleStore.Extent(3_000, T0, T0 + 2_999 * 60_000L));
        }
    }

    @Test
    void readsExactlyTheAskedRangeAcrossBlocksInAnyInsertOrder() {
        try (Database db = Database.inMemory("store-range")) {
            CandleStore store = new CandleStore(db);
            List<Candle> shuffled = new ArrayList<>(minutes(0, 5_000));
            java.util.Collections.shuffle(shuffled, new java.util.Random(7));
            store.store(BTC_1M, shuffled);
            List<Candle> part = store.read(BTC_1M, new TimeRange(T0 + 999 * 60_000L, T0 + 3_001 * 60_000L));
            assertThat(part).isEqualTo(minutes(999, 2_002));
            assertThat(store.openTimes(BTC_1M, new TimeRange(T0 + 60_000, T0 + 180_000))).containsExactly(T0 + 60_000, T0 + 120_000);
            assertThat(store.read(new SeriesKey("binanceus", "ETH/USD", Timeframe.M1), new TimeRange(T0, T0 + 1))).isEmpty();
        }
    }

    @Test
    void coverageRangesMergeWhenTheyTouchOrOverlap() {
        try (Database db = Database.inMemory("store-coverage")) {
            CandleStore store = new CandleStore(db);
            store.store(BTC_1M, List.of(), new TimeRange(0, 10));
            store.store(BTC_1M, List.of(), new TimeRange(20, 30));
            assertThat(store.coverage(BTC_1M)).containsExactly(new TimeRange(0, 10), new TimeRange(20, 30));
            store.store(BTC_1M, List.of(), new TimeRange(10, 20));
            store.store(BTC_1M, List.of(), new TimeRange(25, 40));
            assertThat(store.coverage(BTC_1M)).containsExactly(new TimeRange(0, 40));
            assertThat(store.series()).containsExactly(BTC_1M);
        }
    }

    @Test
    void aCandleOfAnotherSeriesIsRefusedAndNothingOfTheCallIsStored() {
        try (Database db = Database.inMemory("store-refuse")) {
            CandleStore store = new CandleStore(db);
            List<Candle> mixed = new ArrayList<>(minutes(0, 10));
            mixed.add(candle(new SeriesKey("x", "ETH/USD", Timeframe.M1), T0 + 20 * 60_000L, "1", "1"));
            assertThatThrownBy(() -> store.store(BTC_1M, mixed)).hasMessageContaining("ETH/USD");
            assertThat(store.extent(BTC_1M).count()).isZero();
        }
    }

    @Test
    void columnsGiveTheSameCandlesAsTheListOnTheRealDirtyCsvAndOnOddDecimals() {
        Path csv = CandleFileReaderTest.sharedMarketData("Binance_BTCUSDT_1h.csv");
        SeriesKey key = new SeriesKey("import", "BTC/USD", Timeframe.H1);
        try (Database db = Database.inMemory("store-columns")) {
            CandleStore store = new CandleStore(db);
            store.store(key, CandleFileReader.read(csv, "BTC/USD", Timeframe.H1).candles());
            Candle odd = new Candle("BTC/USD", Timeframe.H1, 0, new BigDecimal("1E+300"), new BigDecimal("123456789012345678901234.5"),
                    new BigDecimal("0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"),
                    new BigDecimal("-7.25"), BigDecimal.ZERO);
            store.store(key, List.of(odd));
            TimeRange range = new TimeRange(0, Long.MAX_VALUE / 2);
            List<Candle> list = store.read(key, range);
            CandleColumns cols = store.readColumns(key, range);
            assertThat(cols.size()).isEqualTo(list.size()).isEqualTo(33_414);
            for (int i = 0; i < list.size(); i++) {
                assertThat(cols.candle(i)).isEqualTo(list.get(i));
            }
            assertThat(cols.candle(0)).isEqualTo(odd);
            TimeRange part = new TimeRange(list.get(100).openTime(), list.get(2_500).openTime());
            assertThat(store.readColumns(key, part).size()).isEqualTo(2_400);
            assertThatThrownBy(() -> cols.open(33_414)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void anOpenTimeRepeatedInOneCallIsStoredOnceTheFirstWins() {
        try (Database db = Database.inMemory("store-repeat")) {
            CandleStore store = new CandleStore(db);
            Candle first = candle(BTC_1M, T0, "1", "1");
            Candle again = candle(BTC_1M, T0, "2", "2");
            assertThat(store.store(BTC_1M, List.of(first, again, candle(BTC_1M, T0 + 60_000, "3", "3"))))
                    .isEqualTo(new CandleStore.WriteResult(2, 1));
            assertThat(store.read(BTC_1M, new TimeRange(T0, T0 + 60_000))).containsExactly(first);
        }
    }
}
