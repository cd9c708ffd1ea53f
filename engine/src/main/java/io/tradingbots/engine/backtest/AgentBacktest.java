package io.tradingbots.engine.backtest;

import io.tradingbots.engine.agent.AgentSettings;
import io.tradingbots.engine.agent.AllocationPolicy;
import io.tradingbots.engine.agent.RegimeAnalyzer;
import io.tradingbots.engine.agent.RegimeReading;
import io.tradingbots.engine.bot.BotPlan;
import io.tradingbots.engine.bot.BotSpec;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.risk.RiskLimits;
import io.tradingbots.engine.strategy.Strategies;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tb backtest --agent}: the plan's bots as one portfolio over two aligned series (BTC/USD
 * and ETH/USD), with the agent's allocation next to the fixed one, over the same out-of-sample
 * part. The first {@code warmupFraction} of the bars only warms up the strategies and the regime
 * analyzers (the policy's thresholds are fixed, nothing is fitted on them).
 *
 * <p>Simplifications (docs/risk.md): every bot decides on the data's timeframe; each bot is one
 * {@link BacktestRunner} run over the out-of-sample bars, and a portfolio holds "sleeves" of those
 * runs' equity curves. The fixed portfolio never moves its sleeves, so its equity is exactly the
 * weighted sum of the single-bot backtests. The agent's portfolio resizes the sleeves to the
 * policy's weights at the close of a bar with a change, at no cost (a real move of cash in the
 * runtime can only take a bot's free cash). The arbitrage bot has no second venue in history: its
 * share stays in cash. The risk manager is modelled by its restriction: once the agent portfolio
 * has lost (daily limit - buffer) of its UTC day's starting equity, the agent does not move.
 */
public final class AgentBacktest {

    /** One portfolio's figures, fees in money. */
    public record Side(Metrics metrics, double[] equity) {}

    public record Outcome(int warmupBars, int bars, long firstOpenTime, long lastOpenTime, Side fixed, Side agent,
                          Map<String, Double> finalWeights, List<String> changes, int restrictedBars) {

        /** Which won, by total return, in plain words. */
        public String verdict() {
            double a = agent.metrics().totalReturn();
            double f = fixed.metrics().totalReturn();
            if (Math.abs(a - f) < 1e-12) {
                return "a tie: the agent's allocation returned the same as the fixed one";
            }
            return (a > f ? "the agent's allocation won" : "the fixed allocation won") + String.format(java.util.Locale.ROOT,
                    " by %.2f percentage points of return (agent %.2f%%, fixed %.2f%%)", Math.abs(a - f) * 100, a * 100, f * 100);
        }
    }

    /** A bot's run over the out-of-sample bars, per unit of capital: equity at each close and fees paid at each bar. */
    record Sleeve(BotSpec spec, double[] equity, double[] fees, BacktestResult result) {}

    private AgentBacktest() {}

    public static Outcome run(Bars btc, Bars eth, BotPlan plan, AgentSettings settings, double feeRate, double slippageBps,
                              double warmupFraction) {
        if (!(warmupFraction > 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("--warmup must be a fraction in (0, 1), got " + warmupFraction);
        }
        Bars[] ab = Bars.align(btc, eth);
        Bars b = ab[0];
        Bars e = ab[1];
        int n = b.size();
        int split = (int) Math.floor(n * warmupFraction);
        if (n - split < 2 || split < 1) {
            throw new IllegalArgumentException("the two series share " + n + " bars: too few for a warm-up and a test part");
        }
        double capital = plan.capital().doubleValue();
        List<Sleeve> sleeves = new ArrayList<>();
        for (BotSpec s : plan.bots()) {
            Bars bars = s.symbol().equals("BTC/USD") ? b : s.symbol().equals("ETH/USD") ? e : null;
            if (bars == null) {
                throw new IllegalArgumentException("bot " + s.id() + " trades " + s.symbol() + ": the agent backtest has BTC/USD and ETH/USD");
            }
            sleeves.add(sleeve(s, bars, split, feeRate, slippageBps));
        }
        int m = n - split;
        // fixed: each sleeve keeps its share of the starting capital; the rest stays cash
        double[] fixed = new double[m];
        double fixedFees = 0;
        double cashLeft = capital;
        for (Sleeve sl : sleeves) {
            double money = capital * sl.spec().sharePercent().doubleValue() / 100;
            cashLeft -= money;
            for (int t = 0; t < m; t++) {
                fixed[t] += money * sl.equity()[t];
                fixedFees += money * sl.fees()[t];
            }
        }
        for (int t = 0; t < m; t++) {
            fixed[t] += cashLeft;
        }
        // the agent: same sleeves, resized at the policy's changes
        RiskLimits limits = RiskLimits.defaults();
        double stopAt = (limits.dailyLossPercent().doubleValue() - limits.entryBufferPercent().doubleValue()) / 100;
        double[] dayStart = {capital};
        double[] now = {capital};
        List<AllocationPolicy.Slot> slots = new ArrayList<>();
        for (BotSpec s : plan.bots()) {
            slots.add(new AllocationPolicy.Slot(s.id(), s.id(), AgentSettings.style(s.strategy()), s.symbol(), settings.capOf(s.id()),
                    s.sharePercent().doubleValue()));
        }
        AllocationPolicy policy = new AllocationPolicy(slots, settings.stepPoints(), settings.minCandles(),
                () -> now[0] < dayStart[0] * (1 - stopAt));
        RegimeAnalyzer rb = new RegimeAnalyzer("BTC/USD", RegimeAnalyzer.Settings.defaults());
        RegimeAnalyzer re = new RegimeAnalyzer("ETH/USD", RegimeAnalyzer.Settings.defaults());
        for (int i = 0; i < split; i++) {
            rb.onCandle(candle(b, i));
            re.onCandle(candle(e, i));
        }
        int k = sleeves.size();
        double[] money = new double[k];
        for (int j = 0; j < k; j++) {
            money[j] = capital * sleeves.get(j).spec().sharePercent().doubleValue() / 100;
        }
        double cash = cashLeft;
        double[] agent = new double[m];
        double agentFees = 0;
        List<String> changes = new ArrayList<>();
        long day = -1;
        int restricted = 0;
        for (int t = 0; t < m; t++) {
            double total = cash;
            for (int j = 0; j < k; j++) {
                double[] eq = sleeves.get(j).equity();
                double before = t == 0 ? 1 : eq[t - 1];
                agentFees += money[j] / before * sleeves.get(j).fees()[t];
                money[j] = money[j] * eq[t] / before;
                total += money[j];
            }
            agent[t] = total;
            now[0] = total;
            long d = Math.floorDiv(b.openTime(split + t), 86_400_000L);
            if (d != day) {
                day = d;
                dayStart[0] = t == 0 ? capital : agent[t - 1];
            }
            if (now[0] < dayStart[0] * (1 - stopAt)) {
                restricted++;
            }
            for (RegimeReading r : List.of(rb.onCandle(candle(b, split + t)), re.onCandle(candle(e, split + t)))) {
                Optional<AllocationPolicy.Change> c = policy.onReading(r);
                if (c.isPresent()) {
                    if (changes.size() < 10_000) {
                        changes.add(java.time.Instant.ofEpochMilli(b.openTime(split + t)) + " " + c.get().reason());
                    }
                    Map<String, Double> w = c.get().after();
                    double invested = 0;
                    for (int j = 0; j < k; j++) {
                        invested += money[j];
                    }
                    double sumW = w.values().stream().mapToDouble(Double::doubleValue).sum();
                    for (int j = 0; j < k; j++) {
                        money[j] = invested * w.get(sleeves.get(j).spec().id()) / sumW;
                    }
                }
            }
        }
        long barMs = b.timeframe().millis();
        Metrics fm = Metrics.of(capital, fixed, m, barMs, List.of(), false, 0, fixedFees);
        Metrics am = Metrics.of(capital, agent, m, barMs, List.of(), false, 0, agentFees);
        return new Outcome(split, m, b.openTime(split), b.openTime(n - 1), new Side(fm, fixed), new Side(am, agent),
                new LinkedHashMap<>(policy.weights()), changes, restricted);
    }

    private static Candle candle(Bars b, int i) {
        return new Candle(b.symbol(), b.timeframe(), b.openTime(i), BigDecimal.valueOf(b.open(i)), BigDecimal.valueOf(b.high(i)),
                BigDecimal.valueOf(b.low(i)), BigDecimal.valueOf(b.close(i)), BigDecimal.valueOf(b.volume(i)));
    }

    /** The bot's backtest over [split, end) with a capital of 1, its equity and fees rebuilt bar by bar from its trades. */
    static Sleeve sleeve(BotSpec s, Bars bars, int split, double feeRate, double slippageBps) {
        int m = bars.size() - split;
        double[] equity = new double[m];
        double[] fees = new double[m];
        if (Strategies.registry().get(s.strategy()).needsSecondSeries()) {
            java.util.Arrays.fill(equity, 1.0); // no second venue in history: the share stays in cash
            return new Sleeve(s, equity, fees, null);
        }
        BacktestRequest req = new BacktestRequest(bars, null, s.strategy(), Strategies.registry().resolve(s.strategy(), s.params()),
                feeRate, 1.0, slippageBps, split, bars.size(), BacktestRequest.Engine.AUTO);
        BacktestResult r = new BacktestRunner().run(req);
        double cash = 1.0;
        int t = 0;
        List<Trade> trades = r.trades();
        for (Trade tr : trades) {
            for (; t < tr.entryBar() - split; t++) {
                equity[t] = cash;
            }
            double entryFee = tr.quantity() * tr.entryPrice() * feeRate;
            fees[tr.entryBar() - split] += entryFee;
            fees[tr.exitBar() - split] += tr.fees() - entryFee;
            for (; t < tr.exitBar() - split; t++) {
                equity[t] = tr.quantity() * bars.close(split + t);
            }
            cash += tr.profit();
        }
        OpenPosition open = r.openPosition();
        if (open != null) {
            for (; t < open.entryBar() - split; t++) {
                equity[t] = cash;
            }
            fees[open.entryBar() - split] += open.quantity() * open.entryPrice() * feeRate;
            for (; t < m; t++) {
                equity[t] = open.quantity() * bars.close(split + t);
            }
        }
        for (; t < m; t++) {
            equity[t] = cash;
        }
        return new Sleeve(s, equity, fees, r);
    }
}
