package io.tradingbots.engine.backtest;

import io.tradingbots.engine.market.Timeframe;
import java.util.SplittableRandom;

/**
 * Seeded random candles for benchmarks and tests: a log-normal walk whose volatility switches
 * between a calm and a stormy regime, open = previous close, high/low around open and close.
 * Not a market model: a cheap, reproducible stream of plausible bars of any length.
 */
public final class SyntheticBars {

    private SyntheticBars() {}

    public static Bars generate(String symbol, Timeframe tf, int n, long seed, long startMs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double perBar = Math.sqrt(tf.millis() / 86_400_000.0);
        double vol = 0.03 * perBar;
        double price = 30_000;
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(500) == 0) {
                vol = (rnd.nextBoolean() ? 0.03 : 0.08) * perBar;
            }
            double open = price;
            double close = open * Math.exp(vol * gaussian(rnd));
            double wick = Math.abs(vol * gaussian(rnd)) * open * 0.5;
            t[i] = startMs + i * tf.millis();
            o[i] = round2(open);
            c[i] = round2(close);
            h[i] = round2(Math.max(open, close) + wick);
            l[i] = round2(Math.min(open, close) - wick);
            v[i] = round2(1 + rnd.nextDouble() * 10);
            price = close;
        }
        return new Bars(symbol, tf, t, o, h, l, c, v);
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
