package io.tradingbots.engine.bench;

import io.tradingbots.engine.agent.RegimeAnalyzer;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.risk.BotAccount;
import io.tradingbots.engine.risk.Decision;
import io.tradingbots.engine.risk.OrderRequest;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.risk.RiskManager;
import io.tradingbots.engine.risk.RiskStore;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The risk manager's check per order and the regime update per candle, each call timed alone
 * with {@link System#nanoTime()} after a warm-up. Five bots on two symbols, in-memory store (the
 * check never touches the database), prices moving between orders.
 */
@Command(name = "risk", mixinStandardHelpOptions = true,
        description = "Risk check per order and regime update per candle: latency percentiles.")
final class RiskBench implements Callable<Integer> {

    @Option(names = "--orders", defaultValue = "300000", description = "Orders to time (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--candles", defaultValue = "100000", description = "Candles to time (default: ${DEFAULT-VALUE}).")
    int candles;

    @Spec
    CommandSpec spec;

    /** A clock that moves 10 ms per reading: a minute of orders holds at most 6,000 entries per bot. */
    private static final class SteppingClock extends Clock {
        private long now = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            now += 10;
            return now;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("risk check per order (" + orders + " timed after " + orders / 5 + " warm-up), 5 bots, 2 symbols:");
        long[] check = checks(orders);
        out.println("  " + summary(check));
        out.println("regime update per candle (" + candles + " timed after " + candles / 5 + " warm-up), window 20, ADX 14, lookback 500:");
        long[] regime = regimes(candles);
        out.println("  " + summary(regime));
        return 0;
    }

    private static long[] checks(int n) {
        RiskLimits limits = new RiskLimits(BigDecimal.TEN, BigDecimal.valueOf(2), BigDecimal.valueOf(25), BigDecimal.valueOf(50),
                BigDecimal.valueOf(100), new BigDecimal("100000"), 10_000, BigDecimal.TEN);
        RiskManager risk = new RiskManager(limits, RiskStore.inMemory(), new SteppingClock());
        String[] symbols = {"BTC/USD", "ETH/USD"};
        BigDecimal[] price = {new BigDecimal("50000.00"), new BigDecimal("3000.00")};
        risk.updateMark(symbols[0], price[0]);
        risk.updateMark(symbols[1], price[1]);
        List<BotAccount> accounts = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            String s = symbols[b % 2];
            accounts.add(BotAccount.of("bot-" + b, new BigDecimal("6000"), s, b % 2 == 0 ? new BigDecimal("0.04") : new BigDecimal("0.5")));
        }
        risk.updateAccounts(accounts);
        SplittableRandom rnd = new SplittableRandom(7);
        int warm = n / 5;
        long[] t = new long[n];
        int verdicts = 0;
        for (int i = 0; i < warm + n; i++) {
            if (i % 4 == 0) {
                int s = rnd.nextInt(2);
                price[s] = price[s].multiply(BigDecimal.valueOf(1 + rnd.nextDouble(-0.001, 0.001))).setScale(2, RoundingMode.HALF_EVEN);
                risk.updateMark(symbols[s], price[s]);
            }
            int b = rnd.nextInt(5);
            String s = symbols[b % 2];
            boolean buy = rnd.nextInt(3) > 0;
            OrderRequest o = new OrderRequest("bot-" + b, s, buy ? OrderRequest.Side.BUY : OrderRequest.Side.SELL,
                    BigDecimal.valueOf(rnd.nextInt(1, 400), b % 2 == 0 ? 4 : 2), null, "bench");
            long start = System.nanoTime();
            Decision d = risk.check(o);
            long took = System.nanoTime() - start;
            verdicts += d.verdict().ordinal();
            if (i >= warm) {
                t[i - warm] = took;
            }
        }
        if (verdicts < 0) {
            throw new IllegalStateException("unreachable");
        }
        return t;
    }

    private static long[] regimes(int n) {
        RegimeAnalyzer a = new RegimeAnalyzer("BTC/USD", RegimeAnalyzer.Settings.defaults());
        SplittableRandom rnd = new SplittableRandom(11);
        int warm = n / 5;
        List<Candle> cs = new ArrayList<>(warm + n);
        double p = 30_000;
        long t0 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < warm + n; i++) {
            double next = p * Math.exp(rnd.nextDouble(-0.01, 0.01));
            double hi = Math.max(p, next) * (1 + rnd.nextDouble(0, 0.003));
            double lo = Math.min(p, next) * (1 - rnd.nextDouble(0, 0.003));
            cs.add(new Candle("BTC/USD", Timeframe.H1, t0 + i * 3_600_000L, BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_EVEN),
                    BigDecimal.valueOf(hi).setScale(2, RoundingMode.HALF_EVEN), BigDecimal.valueOf(lo).setScale(2, RoundingMode.HALF_EVEN),
                    BigDecimal.valueOf(next).setScale(2, RoundingMode.HALF_EVEN), BigDecimal.ONE));
            p = next;
        }
        long[] t = new long[n];
        Map<io.tradingbots.engine.agent.Regime, Integer> seen = new EnumMap<>(io.tradingbots.engine.agent.Regime.class);
        for (int i = 0; i < warm + n; i++) {
            Candle c = cs.get(i);
            long start = System.nanoTime();
            var r = a.onCandle(c);
            long took = System.nanoTime() - start;
            seen.merge(r.regime(), 1, Integer::sum);
            if (i >= warm) {
                t[i - warm] = took;
            }
        }
        if (seen.isEmpty()) {
            throw new IllegalStateException("unreachable");
        }
        return t;
    }

    static String summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.2f µs  p90 %.2f µs  p99 %.2f µs  p99.9 %.2f µs  max %.1f µs",
                at(s, 0.50), at(s, 0.90), at(s, 0.99), at(s, 0.999), s[s.length - 1] / 1000.0);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1000.0;
    }
}
