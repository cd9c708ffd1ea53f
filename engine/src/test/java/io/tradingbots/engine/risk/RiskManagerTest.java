package io.tradingbots.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.risk.Decision.Limit;
import io.tradingbots.engine.risk.Decision.Verdict;
import io.tradingbots.engine.risk.OrderRequest.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RiskManagerTest {

    private TestClock clock;
    private RiskStore store;
    private RiskManager risk;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** 10% a day, entries stop at 8%, 20% drawdown, 50% per coin, 80% total, $5,000 per order, 3 a minute, $10 minimum. */
    private static RiskLimits limits() {
        return new RiskLimits(d("10"), d("2"), d("20"), d("50"), d("80"), d("5000"), 3, d("10"));
    }

    @BeforeEach
    void setUp() {
        clock = new TestClock("2026-03-01T10:00:00Z");
        store = RiskStore.inMemory();
        risk = new RiskManager(limits(), store, clock);
        risk.updateMark("BTC/USD", d("50000"));
        risk.updateMark("ETH/USD", d("2000"));
        risk.updateAccounts(List.of(BotAccount.of("a", d("5000"), "BTC/USD", BigDecimal.ZERO),
                BotAccount.of("b", d("5000"), "ETH/USD", BigDecimal.ZERO)));
    }

    private static OrderRequest buy(String bot, String symbol, String qty) {
        return new OrderRequest(bot, symbol, Side.BUY, d(qty), null, "test");
    }

    private static OrderRequest sell(String bot, String symbol, String qty) {
        return new OrderRequest(bot, symbol, Side.SELL, d(qty), null, "test");
    }

    @Test
    void anOrderInsideEveryLimitIsApprovedAsAsked() {
        Decision dec = risk.check(buy("a", "BTC/USD", "0.05"));
        assertThat(dec.verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(dec.quantity()).isEqualByComparingTo("0.05");
        assertThat(dec.limit()).isNull();
    }

    @Test
    void aLargeEntryIsShrunkToTheTightestLimitAndSaysWhich() {
        // $10,000 equity: BTC may be $5,000 (coin 50%), one order $5,000; asked for $7,500.
        Decision dec = risk.check(buy("a", "BTC/USD", "0.15"));
        assertThat(dec.verdict()).isEqualTo(Verdict.SHRINK);
        assertThat(dec.quantity()).isEqualByComparingTo("0.1");
        assertThat(dec.limit()).isEqualTo(Limit.ORDER_SIZE);
        assertThat(dec.reason()).isEqualTo("shrunk from 0.15 to 0.1 BTC/USD: one order is worth at most 5000");

        // Holding $4,000 of BTC: only $1,000 more fits in the coin limit.
        risk.updateAccount(BotAccount.of("a", d("1000"), "BTC/USD", d("0.08")));
        Decision coin = risk.check(buy("a", "BTC/USD", "0.05"));
        assertThat(coin.limit()).isEqualTo(Limit.COIN_EXPOSURE);
        assertThat(coin.quantity()).isEqualByComparingTo("0.02");
        assertThat(coin.reason()).contains("BTC exposure may be at most 50% of equity (5000.00)");

        // With $4,000 BTC and $3,800 ETH, total exposure (80% = $8,000) leaves $200.
        risk.updateAccount(BotAccount.of("b", d("1200"), "ETH/USD", d("1.9")));
        Decision total = risk.check(buy("b", "ETH/USD", "1"));
        assertThat(total.limit()).isEqualTo(Limit.TOTAL_EXPOSURE);
        assertThat(total.quantity()).isEqualByComparingTo("0.1");
    }

    @Test
    void anEntryTooSmallOrWithNoRoomLeftIsRefusedNamingTheLimit() {
        Decision tiny = risk.check(buy("a", "BTC/USD", "0.0001"));
        assertThat(tiny.verdict()).isEqualTo(Verdict.REFUSE);
        assertThat(tiny.limit()).isEqualTo(Limit.MIN_NOTIONAL);
        assertThat(tiny.reason()).isEqualTo("refused (minimum notional): the entry is worth 5.00, below the minimum order of 10");

        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        Decision full = risk.check(buy("a", "BTC/USD", "0.01"));
        assertThat(full.verdict()).isEqualTo(Verdict.REFUSE);
        assertThat(full.limit()).isEqualTo(Limit.COIN_EXPOSURE);
    }

    @Test
    void ordersPerMinuteCountEntriesOfOneBotInAnySixtySeconds() {
        for (int i = 0; i < 3; i++) {
            assertThat(risk.check(buy("a", "BTC/USD", "0.001")).verdict()).isEqualTo(Verdict.APPROVE);
            clock.advance(Duration.ofSeconds(10));
        }
        Decision fourth = risk.check(buy("a", "BTC/USD", "0.001"));
        assertThat(fourth.limit()).isEqualTo(Limit.ORDER_RATE);
        assertThat(fourth.reason()).contains("already sent 3 entries in the last minute (limit 3 a minute)");
        assertThat(risk.check(buy("b", "ETH/USD", "0.1")).verdict()).isEqualTo(Verdict.APPROVE);
        clock.advance(Duration.ofSeconds(31)); // the first entry is now 61 s old
        assertThat(risk.check(buy("a", "BTC/USD", "0.001")).verdict()).isEqualTo(Verdict.APPROVE);
    }

    @Test
    void theLossBufferStopsEntriesButExitsAlwaysPass() {
        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        risk.updateMark("BTC/USD", d("41500")); // -850 on $10,000: 8.5% down, past the 8% entry stop
        Decision entry = risk.check(buy("b", "ETH/USD", "0.1"));
        assertThat(entry.limit()).isEqualTo(Limit.DAILY_LOSS_BUFFER);
        assertThat(entry.reason()).isEqualTo("refused (daily loss buffer): the portfolio is down 8.5% today (entries stop at 8%,"
                + " the limit is 10%): no new entries until the next UTC day");
        assertThat(risk.restricting()).isTrue();
        Decision exit = risk.check(sell("a", "BTC/USD", "0.1"));
        assertThat(exit.verdict()).isEqualTo(Verdict.APPROVE);
        // Selling more than held: the closing part passes, the new short does not.
        Decision flip = risk.check(sell("a", "BTC/USD", "0.3"));
        assertThat(flip.verdict()).isEqualTo(Verdict.SHRINK);
        assertThat(flip.quantity()).isEqualByComparingTo("0.1");
        assertThat(flip.limit()).isEqualTo(Limit.DAILY_LOSS_BUFFER);
    }

    @Test
    void atTheLimitEverythingIsFlattenedAndHaltedUntilTheNextUtcDay() {
        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        risk.updateAccount(BotAccount.of("b", d("3000"), "ETH/USD", d("1")));
        assertThat(risk.updateMark("BTC/USD", d("42000"))).isEmpty(); // -800: 8%
        List<OrderRequest> flatten = risk.updateMark("BTC/USD", d("40000")); // -1,000: 10%
        assertThat(flatten).extracting(o -> o.botId() + " " + o.side() + " " + o.quantity().toPlainString() + " " + o.symbol())
                .containsExactlyInAnyOrder("a SELL 0.1 BTC/USD", "b SELL 1 ETH/USD");
        RiskSnapshot s = risk.snapshot();
        assertThat(s.halted()).isTrue();
        assertThat(s.halt().kind()).isEqualTo(HaltState.Kind.DAILY_LOSS);
        assertThat(s.halt().reason()).startsWith("daily loss limit reached: the portfolio lost 1000.00 (10% of the day's starting"
                + " equity 10000.00, limit 10%): 2 position(s) flattened, all bots halted until 2026-03-02 00:00 UTC");
        assertThat(s.limitUsedPercent()).isEqualByComparingTo("100");
        assertThat(risk.updateMark("BTC/USD", d("39000"))).as("flatten orders are issued once").isEmpty();
        assertThat(risk.check(buy("b", "ETH/USD", "0.1")).limit()).isEqualTo(Limit.HALTED);
        assertThat(risk.check(sell("a", "BTC/USD", "0.1")).verdict()).isEqualTo(Verdict.APPROVE);

        // Flattened at 39,000: equity 3,900 + 5,000 = 8,900. The next UTC day starts from there, trading again.
        risk.updateAccount(BotAccount.of("a", d("3900"), "BTC/USD", BigDecimal.ZERO));
        risk.updateAccount(BotAccount.of("b", d("5000"), "ETH/USD", BigDecimal.ZERO));
        clock.set(java.time.Instant.parse("2026-03-02T00:00:00Z"));
        RiskSnapshot next = risk.snapshot();
        assertThat(next.halted()).isFalse();
        assertThat(next.dayStartEquity()).isEqualByComparingTo("8900");
        assertThat(risk.check(buy("b", "ETH/USD", "0.1")).verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(store.events(5)).extracting(RiskEvent::action).containsExactly("RESUME", "LIMIT");
    }

    @Test
    void dailyPnlCountsRealisedAndUnrealisedFromTheDaysStart() {
        risk.updateAccount(BotAccount.of("a", d("2500"), "BTC/USD", d("0.05"))); // bought $2,500 of BTC
        risk.updateMark("BTC/USD", d("52000"));
        risk.updateAccount(BotAccount.of("b", d("5100"), "ETH/USD", BigDecimal.ZERO)); // realised +100 on ETH
        RiskSnapshot s = risk.snapshot();
        assertThat(s.dayStartEquity()).isEqualByComparingTo("10000");
        assertThat(s.equity()).isEqualByComparingTo("10200");
        assertThat(s.dailyPnl()).isEqualByComparingTo("200");
        assertThat(s.dailyLossPercent()).isEqualByComparingTo("0");
        assertThat(s.exposureByCoin()).containsEntry("BTC", d("2600.00"));
        assertThat(s.exposureByBot()).isEqualTo(Map.of("a", d("2600.00"), "b", d("0.00")));
    }

    @Test
    void aBotInDrawdownOpensNothingNewWhileOthersCan() {
        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        risk.updateMark("BTC/USD", d("60000")); // bot a peaks at 6,000
        risk.updateMark("BTC/USD", d("47000")); // 4,700: 21.7% below its peak
        Decision dec = risk.check(buy("a", "BTC/USD", "0.001"));
        assertThat(dec.limit()).isEqualTo(Limit.BOT_DRAWDOWN);
        assertThat(dec.reason()).contains("bot a is 21.67% below its highest equity (limit 20%)");
        assertThat(risk.check(buy("b", "ETH/USD", "0.1")).verdict()).isEqualTo(Verdict.APPROVE);
        assertThat(risk.snapshot().drawdownByBot().get("a")).isEqualByComparingTo("21.6667");
    }

    @Test
    void aShareTakenBackIsNotADrawdownAndTheDrawdownSurvivesARestart() {
        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        risk.updateMark("BTC/USD", d("60000")); // bot a peaks at 6,000
        risk.updateMark("BTC/USD", d("54000")); // 5,400: 10% below
        assertThat(risk.snapshot().drawdownByBot().get("a")).isEqualByComparingTo("10");
        // its share is lowered by 2,000 (taken from cash it was given): 3,400 of a 4,000 peak, still 15%, not 43%
        risk.moveBotCapital("a", d("-2000"));
        risk.updateAccount(BotAccount.of("a", d("-2000"), "BTC/USD", d("0.1")));
        assertThat(risk.snapshot().drawdownByBot().get("a")).isEqualByComparingTo("15");
        // a restart (same store): the peak is remembered, so the bot is still 15% down, not 0%
        RiskManager again = new RiskManager(limits(), store, clock);
        again.updateMark("BTC/USD", d("54000"));
        again.updateMark("ETH/USD", d("2000"));
        again.updateAccounts(List.of(BotAccount.of("a", d("-2000"), "BTC/USD", d("0.1")), BotAccount.of("b", d("5000"), "ETH/USD", BigDecimal.ZERO)));
        assertThat(again.snapshot().drawdownByBot().get("a")).isEqualByComparingTo("15");
        // a new high under 0.1% above the saved peak is not written (no write per tick); 0.1% or more is
        again.updateMark("BTC/USD", d("60020"));
        assertThat(store.loadBotPeaks().get("a")).isEqualByComparingTo("4000");
        again.updateMark("BTC/USD", d("60040"));
        assertThat(store.loadBotPeaks().get("a")).isEqualByComparingTo("4004.0");
    }

    @Test
    void killSwitchNeedsReasonsAndRefusesRaisingLimitsWhileHalted() {
        assertThatThrownBy(() -> risk.halt(" ", "alice", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a halt needs a reason");
        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        List<OrderRequest> flatten = risk.halt("exchange maintenance", "alice", true);
        assertThat(flatten).hasSize(1);
        assertThat(risk.check(buy("b", "ETH/USD", "0.1")).reason())
                .isEqualTo("refused (trading halted): trading is halted (by alice: exchange maintenance); only orders that reduce a position pass");

        RiskLimits looser = new RiskLimits(d("15"), d("2"), d("20"), d("50"), d("80"), d("5000"), 3, d("10"));
        assertThatThrownBy(() -> risk.setLimits(looser, "bob")).isInstanceOf(IllegalStateException.class)
                .hasMessage("trading is halted, so limits may only be tightened; resume first to raise daily loss limit 10% → 15%,"
                        + " entries stop at 8% → 13% of loss");
        RiskLimits tighter = new RiskLimits(d("5"), d("2"), d("20"), d("50"), d("80"), d("5000"), 3, d("10"));
        risk.setLimits(tighter, "bob");
        assertThat(store.limitChanges(10)).extracting(c -> c.by() + " " + c.limit() + " " + c.oldValue() + " → " + c.newValue())
                .containsExactly("bob daily_loss_percent 10 → 5");

        assertThatThrownBy(() -> risk.resume("", "alice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a resume needs a reason");
        risk.resume("maintenance over", "alice");
        assertThat(risk.snapshot().halted()).isFalse();
        assertThatThrownBy(() -> risk.resume("again", "alice")).isInstanceOf(IllegalStateException.class)
                .hasMessage("trading is not halted");
    }

    @Test
    void aManualHaltDoesNotEndAtMidnight() {
        risk.halt("testing", "alice", false);
        clock.advance(Duration.ofDays(2));
        assertThat(risk.snapshot().halted()).isTrue();
        assertThat(risk.snapshot().halt().by()).isEqualTo("alice");
    }

    @Test
    void aRestartKeepsTheHaltTheLimitsAndTheDaysStartingEquity() {
        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        risk.updateMark("BTC/USD", d("46000")); // -400
        risk.halt("overnight", "alice", false);
        risk.setLimits(new RiskLimits(d("8"), d("2"), d("20"), d("50"), d("80"), d("5000"), 3, d("10")), "bob");

        RiskManager again = new RiskManager(limits(), store, clock);
        again.updateMark("BTC/USD", d("46000"));
        again.updateMark("ETH/USD", d("2000"));
        again.updateAccounts(List.of(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")),
                BotAccount.of("b", d("5000"), "ETH/USD", BigDecimal.ZERO)));
        RiskSnapshot s = again.snapshot();
        assertThat(s.halted()).isTrue();
        assertThat(s.halt().reason()).isEqualTo("overnight");
        assertThat(s.limits().dailyLossPercent()).isEqualByComparingTo("8");
        assertThat(s.dayStartEquity()).as("not reset to the equity at restart").isEqualByComparingTo("10000");
        assertThat(s.dailyPnl()).isEqualByComparingTo("-400");
    }

    @Test
    void aResumeAfterTheDailyLimitMeasuresTheDayAgainFromTheResume() {
        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        assertThat(risk.updateMark("BTC/USD", d("40000"))).hasSize(1);
        risk.updateAccount(BotAccount.of("a", d("4000"), "BTC/USD", BigDecimal.ZERO));
        risk.resume("reviewed the crash, trading on", "alice");
        RiskSnapshot s = risk.snapshot();
        assertThat(s.halted()).isFalse();
        assertThat(s.dayStartEquity()).isEqualByComparingTo("9000");
        assertThat(store.events(1).get(0).reason()).isEqualTo("reviewed the crash, trading on (the day's loss is measured again from 9000.00)");
    }

    @Test
    void aResumeAfterTheDailyLimitWaitsForPricesOfEveryHeldSymbol() {
        risk.updateAccount(BotAccount.of("a", d("0"), "BTC/USD", d("0.1")));
        assertThat(risk.updateMark("BTC/USD", d("40000"))).hasSize(1);
        risk.updateAccount(new BotAccount("a", d("0"), java.util.Map.of("BTC/USD", d("0.1"), "SOL/USD", d("3"))));
        assertThatThrownBy(() -> risk.resume("try", "alice")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot resume after the daily loss limit while equity is unknown");
        assertThat(risk.snapshot().halted()).isTrue();
    }
}
