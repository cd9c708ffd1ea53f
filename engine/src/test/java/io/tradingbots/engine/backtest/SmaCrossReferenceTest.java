package io.tradingbots.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.history.CandleFileReader;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Strategies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sma-cross on real hourly BTC/USDT candles (the faulty CryptoDataDownload file, cleaned by the
 * project's CandleFileReader) against a straightforward implementation of the contract written
 * here with plain double arrays: every trade's times, prices, quantity and profit must agree.
 */
class SmaCrossReferenceTest {

    static List<Candle> candles;

    @BeforeAll
    static void read() {
        candles = CandleFileReader.read(MarketData.file("Binance_BTCUSDT_1h.csv"), "BTC/USD", Timeframe.H1).candles();
    }

    /** One reference round trip. */
    record RefTrade(long entryTime, double entryPrice, long exitTime, double exitPrice, double quantity, double profit) {}

    record RefResult(List<RefTrade> trades, double finalEquity) {}

    /** The contract, written out as plainly as possible. */
    static RefResult reference(long[] time, double[] open, double[] close, int fast, int slow, double fee, double capital,
                               double slippageBps) {
        int n = close.length;
        double[] f = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = average(close, i, fast);
            s[i] = average(close, i, slow);
        }
        List<RefTrade> trades = new ArrayList<>();
        double cash = capital;
        double qty = 0;
        double cashBefore = 0;
        double entryPrice = 0;
        long entryTime = 0;
        for (int i = slow; i < n - 1; i++) { // both averages exist at i-1 from i = slow; the last bar has no next open
            boolean up = f[i] > s[i] && f[i - 1] <= s[i - 1];
            boolean down = f[i] < s[i] && f[i - 1] >= s[i - 1];
            if (qty == 0 && up) {
                entryPrice = open[i + 1] * (1 + slippageBps / 10_000);
                qty = cash / (entryPrice * (1 + fee));
                cashBefore = cash;
                cash = 0;
                entryTime = time[i + 1];
            } else if (qty > 0 && down) {
                double exitPrice = open[i + 1] * (1 - slippageBps / 10_000);
                cash = qty * exitPrice * (1 - fee);
                trades.add(new RefTrade(entryTime, entryPrice, time[i + 1], exitPrice, qty, cash - cashBefore));
                qty = 0;
            }
        }
        double finalEquity = qty > 0 ? qty * close[n - 1] : cash;
        return new RefResult(trades, finalEquity);
    }

    private static double average(double[] x, int i, int len) {
        if (i < len - 1) {
            return Double.NaN;
        }
        double sum = 0;
        for (int j = i - len + 1; j <= i; j++) {
            sum += x[j];
        }
        return sum / len;
    }

    private static void assertSame(BacktestResult engine, RefResult ref) {
        assertThat(engine.trades()).hasSize(ref.trades().size());
        for (int k = 0; k < ref.trades().size(); k++) {
            RefTrade want = ref.trades().get(k);
            Trade got = engine.trades().get(k);
            assertThat(got.entryTime()).as("trade %d entry time", k).isEqualTo(want.entryTime());
            assertThat(got.exitTime()).as("trade %d exit time", k).isEqualTo(want.exitTime());
            close(got.entryPrice(), want.entryPrice(), "entry price", k);
            close(got.exitPrice(), want.exitPrice(), "exit price", k);
            close(got.quantity(), want.quantity(), "quantity", k);
            close(got.profit(), want.profit(), "profit", k);
        }
        close(engine.finalEquity(), ref.finalEquity(), "final equity", -1);
    }

    private static void close(double got, double want, String what, int k) {
        assertThat(Math.abs(got - want)).as("trade %d %s: %s vs %s", k, what, got, want)
                .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(want)));
    }

    @Test
    void everyTradeOfBothEnginePathsMatchesThePlainArrayImplementation() {
        int n = candles.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = candles.get(i).openTime();
            o[i] = candles.get(i).open().doubleValue();
            c[i] = candles.get(i).close().doubleValue();
        }
        Bars bars = Bars.of("BTC/USD", Timeframe.H1, candles);
        int[][] combos = {{10, 30}, {5, 50}, {20, 100}};
        double[][] costs = {{0.001, 0}, {0.0, 0}, {0.002, 5}};
        int compared = 0;
        for (int[] fs : combos) {
            for (double[] cost : costs) {
                RefResult ref = reference(t, o, c, fs[0], fs[1], cost[0], 1000, cost[1]);
                var p = Strategies.registry().resolve("sma-cross", Map.of("fast", "" + fs[0], "slow", "" + fs[1]));
                BacktestRequest req = BacktestRequest.of(bars, "sma-cross", p, cost[0], 1000, cost[1]);
                assertSame(new BacktestRunner().run(req.withEngine(BacktestRequest.Engine.FAST)), ref);
                if (fs[0] == 10 && cost[1] == 0 && cost[0] == 0.001) { // the ta4j path once: the slow one
                    assertSame(new BacktestRunner().run(req.withEngine(BacktestRequest.Engine.TA4J)), ref);
                }
                assertThat(ref.trades()).hasSizeGreaterThan(100);
                compared += ref.trades().size();
            }
        }
        assertThat(compared).isGreaterThan(1_000);
    }
}
