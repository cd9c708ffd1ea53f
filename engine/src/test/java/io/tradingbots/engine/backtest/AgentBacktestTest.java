package io.tradingbots.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.tradingbots.engine.agent.AgentSettings;
import io.tradingbots.engine.bot.BotPlan;
import io.tradingbots.engine.bot.BotSpec;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Strategies;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code tb backtest --agent}: the five-bot portfolio, agent vs fixed allocation, out of sample. */
class AgentBacktestTest {

    private static final long START = 1_500_000_000_000L - 1_500_000_000_000L % 3_600_000L;

    @Test
    void theFixedPortfolioIsExactlyTheWeightedSumOfSingleBotBacktestsAndTheAgentMovesWithReasons() {
        Bars btc = SyntheticBars.generate("BTC/USD", Timeframe.H1, 4_000, 7, START);
        Bars eth = SyntheticBars.generate("ETH/USD", Timeframe.H1, 4_000, 11, START);
        BotPlan plan = BotPlan.defaults(new BigDecimal("10000"));
        AgentBacktest.Outcome o = AgentBacktest.run(btc, eth, plan, AgentSettings.enabledDefaults(), 0.001, 0, 0.3);
        assertThat(o.warmupBars()).isEqualTo(1_200);
        assertThat(o.bars()).isEqualTo(2_800);
        // the fixed portfolio: each bot's own backtest over the same out-of-sample bars with its share of the capital
        double expected = 0;
        double fees = 0;
        for (BotSpec s : plan.bots()) {
            double money = 10_000 * s.sharePercent().doubleValue() / 100;
            if (Strategies.registry().get(s.strategy()).needsSecondSeries()) {
                expected += money; // arbitrage: no second venue in history, the share stays in cash
                continue;
            }
            Bars bars = s.symbol().equals("BTC/USD") ? btc : eth;
            BacktestResult r = new BacktestRunner().run(new BacktestRequest(bars, null, s.strategy(),
                    Strategies.registry().resolve(s.strategy(), s.params()), 0.001, money, 0, 1_200, 4_000, BacktestRequest.Engine.AUTO));
            assertThat(r.trades()).as(s.id() + " trades in the test part").isNotEmpty();
            expected += r.finalEquity();
            fees += r.metrics().feesPaid();
            // the per-bar sleeve rebuilt from the trades ends where the backtest ends
            AgentBacktest.Sleeve sl = AgentBacktest.sleeve(s, bars, 1_200, 0.001, 0);
            assertThat(sl.equity()[sl.equity().length - 1] * money).isCloseTo(r.finalEquity(), offset(1e-6 * money));
        }
        assertThat(o.fixed().metrics().finalEquity()).isCloseTo(expected, offset(1e-6));
        assertThat(o.fixed().metrics().feesPaid()).isCloseTo(fees, offset(1e-6));
        // the agent moved, within the caps, and each change says why
        assertThat(o.changes()).isNotEmpty();
        assertThat(o.changes()).allMatch(c -> c.matches(".* (BTC|ETH)/USD .* for .*, volatility in \\d+\\w\\w percentile: .*%.*"));
        o.finalWeights().values().forEach(w -> assertThat(w).isLessThanOrEqualTo(40.0));
        assertThat(o.finalWeights().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100, offset(0.1));
        assertThat(o.agent().metrics().finalEquity()).isNotEqualTo(o.fixed().metrics().finalEquity());
        assertThat(o.verdict()).containsAnyOf("the agent's allocation won", "the fixed allocation won");
    }

    @Test
    void theCommandRunsOnSyntheticBars() {
        BacktestCommandTest.Run r = BacktestCommandTest.run("backtest", "--agent", "--synthetic", "3000");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("900 bars warm-up, then 2,100 bars out of sample").contains("return %").contains("max drawdown %")
                .contains("Sharpe").contains("fees").containsPattern("Result: the (agent's|fixed) allocation won by");
    }

    @Test
    void theCommandRunsOnRealHourlyBtcAndEthCandles() {
        Path btc = MarketData.file("Binance_BTCUSDT_1h.csv");
        Path eth = MarketData.file("Binance_ETHUSDT_1h.csv");
        BacktestCommandTest.Run r = BacktestCommandTest.run("backtest", "--agent", "--file", btc.toString(), "--eth-file", eth.toString(),
                "--timeframe", "1h", "--capital", "10000");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("bars out of sample").containsPattern("Result: the (agent's|fixed) allocation won by");
        System.out.println(r.out());
    }

    @Test
    void badInputIsOneClearLine() {
        BacktestCommandTest.Run r = BacktestCommandTest.run("backtest", "--agent", "--synthetic", "3000", "--warmup", "1.5");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--warmup must be a fraction in (0, 1), got 1.5");
        BacktestCommandTest.Run half = BacktestCommandTest.run("backtest", "--agent", "--file", "x.csv", "--timeframe", "1h");
        assertThat(half.code()).isNotZero();
        assertThat(half.err()).contains("give both --file (BTC/USD) and --eth-file (ETH/USD)");
    }
}
