package io.tradingbots.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Timeframe;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Results written to backtest_run come back exactly, undefined and endless figures included. */
class BacktestStoreTest {

    private Database db;
    private BacktestStore store;

    @BeforeEach
    void open() {
        db = Database.inMemory("backtest-store-" + System.nanoTime());
        store = new BacktestStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static BacktestSpec spec() {
        return BacktestSpec.of("import", "BTC/USD", Timeframe.H1, BacktestSpec.FIRST, BacktestSpec.LAST, "sma-cross",
                Map.of("fast", "7"), 0.001, 2500.5, 3, null);
    }

    /** One winning trade and an open position: win rate 1, profit factor endless; hold has no trades (NaN). */
    private static BacktestResult result() {
        Metrics m = new Metrics(1234.5678, 0.1, 0.35, 0.07, 1.5, Double.NaN, 1.0, Double.POSITIVE_INFINITY, 0.4, 2, 3.21);
        Metrics hold = new Metrics(1100.1, 0.0999, 0.2, 0.3, 0.8, 1.1, Double.NaN, Double.NaN, 1.0, 1, 1.0000001);
        return new BacktestResult("sma-cross", "fast=7 slow=30", 3, 1_000L, 3_601_000L,
                List.of(new Trade(1_000L, 100.125, 3_601_000L, 110.0, 9.97, 98.1234567891, 2.1, -1, -1)),
                new OpenPosition(7_201_000L, 111.5, 10.5, -1, 112.25, 7.875), 1234.5678, m, hold,
                new long[] {1_000L, 3_601_000L, 7_201_000L}, new double[] {1000, 1098.1234567891, 1234.5678}, "fast");
    }

    @Test
    void aStoredResultComesBackExactlyAndIsListedNewestFirst() {
        StoredBacktest first = store.save(spec(), result(), 111L);
        StoredBacktest second = store.save(spec(), result(), 222L);

        StoredBacktest.Full back = store.get(first.id());
        BacktestResult r = back.result();
        assertThat(BacktestStore.toJson(r)).isEqualTo(BacktestStore.toJson(result()));
        assertThat(r.metrics().profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.metrics().sortino()).isNaN();
        assertThat(r.buyAndHold().winRate()).isNaN();
        assertThat(r.trades().get(0).profit()).isEqualTo(98.1234567891);
        assertThat(r.openPosition().unrealizedProfit()).isEqualTo(7.875);
        assertThat(r.curveEquity()).containsExactly(1000, 1098.1234567891, 1234.5678);
        assertThat(r.engine()).isEqualTo("fast");

        assertThat(back.summary()).isEqualTo(first);
        assertThat(first.params()).containsExactly(Map.entry("fast", "7"), Map.entry("slow", "30"));
        assertThat(first.capital()).isEqualTo(2500.5);
        assertThat(first.slippageBps()).isEqualTo(3);
        assertThat(first.holdReturn()).isEqualTo(0.0999);
        assertThat(store.list(10)).containsExactly(second, first);
        assertThat(store.list(1)).containsExactly(second);
        assertThatThrownBy(() -> store.get(999)).isInstanceOf(NoSuchElementException.class).hasMessage("no stored backtest 999");
    }
}
