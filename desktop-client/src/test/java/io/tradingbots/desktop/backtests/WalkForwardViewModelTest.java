package io.tradingbots.desktop.backtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.tradingbots.api.v1.BacktestMetrics;
import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.RunWalkForwardRequest;
import io.tradingbots.api.v1.RunWalkForwardResponse;
import io.tradingbots.api.v1.WalkForwardResult;
import io.tradingbots.api.v1.WalkForwardWindow;
import io.tradingbots.desktop.engine.EngineClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Walk-forward from the Backtests tab against the in-process BacktestService, through the real client, without JavaFX. */
class WalkForwardViewModelTest {

    private static final Executor DIRECT = Runnable::run;
    private static final long DAY = 24 * FakeBacktests.HOUR;

    private FakeBacktests engine;
    private EngineClient client;
    private BacktestsViewModel form;
    private WalkForwardViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakeBacktests();
        client = engine.client();
        form = new BacktestsViewModel(client.backtests(), client.history(), DIRECT, DIRECT);
        form.refresh();
        model = new WalkForwardViewModel(client.backtests(), form::formRequest, DIRECT);
    }

    @AfterEach
    void tearDown() {
        model.cancel();
        client.close();
        engine.close();
    }

    private static BacktestMetrics metrics(String totalReturn, String sharpe) {
        return BacktestMetrics.newBuilder().setTotalReturn(totalReturn).setSharpe(sharpe).setSortino("1.5")
                .setMaxDrawdown("0.12").setWinRate("0.5").setProfitFactor("1.3").setAnnualizedReturn("0.4").build();
    }

    private static WalkForwardWindow window(int index, String isReturn, String isSharpe, String oosReturn, String oosSharpe,
                                            String holdReturn, boolean losesToHold, boolean collapses) {
        long isFrom = FakeBacktests.START + index * 20 * DAY;
        return WalkForwardWindow.newBuilder().setIndex(index).setIsFrom(isFrom).setIsTo(isFrom + 80 * DAY)
                .setOosFrom(isFrom + 80 * DAY + FakeBacktests.HOUR).setOosTo(isFrom + 100 * DAY)
                .putBestParams("slow", "30").putBestParams("fast", Integer.toString(5 + index))
                .setIsBest(metrics(isReturn, isSharpe)).setOos(metrics(oosReturn, oosSharpe))
                .setOosHold(metrics(holdReturn, "0.9")).setLosesToHold(losesToHold).setCollapses(collapses).build();
    }

    static WalkForwardResult result() {
        return WalkForwardResult.newBuilder()
                .addWindows(window(1, "0.2100", "2.10", "0.0500", "1.40", "0.0200", false, false))
                .addWindows(window(2, "0.1800", "1.95", "-0.0300", "0.20", "0.0800", true, true))
                .setOosReturn("0.0185").setHoldReturn("0.1016").setMeanIsSharpe("2.025").setMeanOosSharpe("0.8")
                .setWindowsLosingToHold(1).setWindowsCollapsing(1).setOverfit(false).setLosesToHold(true).build();
    }

    @Test
    void aRunSendsTheFormAndTheSweepThenShowsEveryWindowWithTheEnginesFlags() throws Exception {
        model.rangesProperty().set(" fast=5:50:5,  slow=20:200:10 ");
        model.trainProperty().set("1000");
        model.testProperty().set("250");
        model.rankByProperty().set("sharpe");

        model.run();

        RunWalkForwardRequest sent = engine.walkForwardRequests().get(0);
        assertThat(sent.getRangesList()).containsExactly("fast=5:50:5", "slow=20:200:10");
        assertThat(sent.getTrain()).isEqualTo(1000);
        assertThat(sent.getTest()).isEqualTo(250);
        assertThat(sent.getRankBy()).isEqualTo("sharpe");
        assertThat(sent.getRandom()).isZero();
        assertThat(sent.getSeed()).isEqualTo(42);
        assertThat(sent.getBacktest().getSymbol()).isEqualTo("BTC/USD");
        assertThat(sent.getBacktest().getStrategy()).isEqualTo("sma-cross");
        assertThat(sent.getBacktest().getFee()).isEqualTo("0.001");
        assertThat(model.runningProperty().get()).isTrue();

        ServerCallStreamObserver<RunWalkForwardResponse> call = engine.nextWalkForward();
        call.onNext(RunWalkForwardResponse.newBuilder().setProgress(BacktestProgress.newBuilder()
                .setStage(BacktestProgress.Stage.STAGE_RUNNING).setFraction(0.5)).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> model.progressProperty().get() == 0.5);
        assertThat(model.statusProperty().get()).isEqualTo("walk-forward: 50% of the windows");

        call.onNext(RunWalkForwardResponse.newBuilder().setResult(result()).build());
        call.onCompleted();
        await().atMost(Duration.ofSeconds(5)).until(() -> !model.runningProperty().get());

        assertThat(model.statusProperty().get()).isEqualTo("walk-forward done: 2 windows");
        assertThat(model.windows()).containsExactly(
                new WalkForwardRow(1, "2024-01-21 00:00 → 2024-04-10 00:00", "2024-04-10 01:00 → 2024-04-30 00:00",
                        "fast=6 slow=30", "2.10", "+21.00%", "+5.00%", "+2.00%", "+3.00 pp", "", false, false),
                new WalkForwardRow(2, "2024-02-10 00:00 → 2024-04-30 00:00", "2024-04-30 01:00 → 2024-05-20 00:00",
                        "fast=7 slow=30", "1.95", "+18.00%", "-3.00%", "+8.00%", "-11.00 pp", "LOSES TO HOLD COLLAPSES",
                        true, true));
        assertThat(model.summaryProperty().get()).isEqualTo("out of sample (what counts): chained return +1.85% vs"
                + " buy-and-hold +10.16%, mean Sharpe 0.80 (in sample 2.03, optimistic by construction)"
                + " · windows losing to hold: 1 of 2 · collapsing: 1 of 2");
        assertThat(model.verdictProperty().get()).isEqualTo("LOSES TO HOLD: out of sample, the strategy loses to buy-and-hold");
        assertThat(model.flaggedProperty().get()).isTrue();
        assertThat(model.metricHeaderProperty().get()).isEqualTo("IS sharpe");
    }

    @Test
    void theMetricColumnFollowsTheRankingTheRunUsed() {
        WalkForwardWindow w = window(1, "0.21", "2.10", "0.05", "1.4", "0.02", false, false);

        assertThat(WalkForwardRow.of(w, "sortino").isMetric()).isEqualTo("1.50");
        assertThat(WalkForwardRow.of(w, "return").isMetric()).isEqualTo("+21.00%");
        assertThat(WalkForwardRow.of(w, "drawdown").isMetric()).isEqualTo("-12.00%");
        assertThat(WalkForwardRow.of(w, "winRate").isMetric()).isEqualTo("50.00%");
        assertThat(WalkForwardViewModel.metricHeader("profitFactor")).isEqualTo("IS profitFactor");
    }

    @Test
    void noFlagIsSaidPlainly() {
        model.show(result().toBuilder().setLosesToHold(false).setOverfit(false).build(), "sharpe");

        assertThat(model.verdictProperty().get())
                .isEqualTo("no flag: out of sample it beat buy-and-hold and kept at least half its in-sample Sharpe");
        assertThat(model.flaggedProperty().get()).isFalse();
    }

    @Test
    void badInputsAreNamedAndNothingIsSent() {
        model.run();
        assertThat(model.messageProperty().get()).isEqualTo("give at least one swept range, e.g. fast=5:50:5 slow=20:200:10");

        model.rangesProperty().set("fast=5-50");
        model.run();
        assertThat(model.messageProperty().get()).isEqualTo("a swept range is NAME=FROM:TO:STEP, e.g. fast=5:50:5; got 'fast=5-50'");

        model.rangesProperty().set("fast=5:50:5");
        model.testProperty().set("1");
        model.run();
        assertThat(model.messageProperty().get()).isEqualTo("out-of-sample bars must be a whole number of at least 2, got '1'");

        model.testProperty().set("250");
        model.rankByProperty().set("luck");
        model.run();
        assertThat(model.messageProperty().get()).startsWith("rank by one of sharpe, sortino, return");

        assertThat(engine.walkForwardRequests()).isEmpty();
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void theEnginesRefusalIsShownAndCancelStopsTheRunInTheEngine() throws Exception {
        model.rangesProperty().set("fast=5:50:5");
        engine.refuseRuns(Status.RESOURCE_EXHAUSTED.withDescription("a backtest is already running; try again when it ends"));

        model.run();
        await().atMost(Duration.ofSeconds(5)).until(() -> !model.runningProperty().get());
        assertThat(model.messageProperty().get()).contains("a backtest is already running; try again when it ends");

        engine.refuseRuns(null);
        model.run();
        engine.nextWalkForward();
        model.cancel();

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.cancelled() == 1);
        assertThat(model.statusProperty().get()).isEqualTo("cancelled");
    }
}
