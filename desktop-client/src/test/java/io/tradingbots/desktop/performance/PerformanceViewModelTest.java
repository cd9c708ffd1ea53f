package io.tradingbots.desktop.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.desktop.engine.BotSource;
import io.tradingbots.desktop.engine.EngineClient;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the in-process fake services; calls run inline, so no JavaFX toolkit is needed. */
class PerformanceViewModelTest {

    private FakePerformance engine;
    private EngineClient client;
    private PerformanceViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        engine = new FakePerformance();
        engine.addBot("alpha", "Alpha", 6, "4.5", FakePerformance.csv(new double[] {100, 110, 90, 120},
                new double[] {1000, 1050, 945, 1102.5}));
        engine.addBot("beta", "Beta", 0, "0", FakePerformance.csv(new double[] {100, 100, 100}, new double[] {500, 500, 500}));
        client = engine.client();
        model = new PerformanceViewModel(client.bots(), client.backtests(), Runnable::run, Runnable::run);
    }

    @AfterEach
    void tearDown() {
        client.close();
        engine.close();
    }

    @Test
    void eachBotsEquityExportBecomesCurvesAndATableLine() {
        model.refresh();

        assertThat(engine.exportsAsked()).containsOnly(ExportKind.EXPORT_KIND_EQUITY);
        assertThat(model.comparison()).containsExactly(
                new ComparisonRow("bot", "Alpha (BTC/USD 1h)", "2024-01-01 00:00 → 2024-01-01 03:00", "4", "+10.25%", "10%",
                        "6 fills", "$4.50", "+20.00%"),
                new ComparisonRow("bot", "Beta (BTC/USD 1h)", "2024-01-01 00:00 → 2024-01-01 02:00", "3", "0.00%", "0%",
                        "0 fills", "$0.00", "0.00%"));
        assertThat(model.returns()).extracting(NamedCurve::name).containsExactly("Alpha", "Beta");
        assertThat(model.returns().get(0).points()).extracting(CurvePoint::time)
                .containsExactly(FakePerformance.START, FakePerformance.START + FakePerformance.HOUR,
                        FakePerformance.START + 2 * FakePerformance.HOUR, FakePerformance.START + 3 * FakePerformance.HOUR);
        assertThat(model.returns().get(0).points().get(3).value()).isCloseTo(10.25, within(1e-9));
        assertThat(model.drawdowns().get(0).points().get(2).value()).isCloseTo(-10, within(1e-9));
        assertThat(model.statusProperty().get()).isEqualTo("2 bots, 0 stored backtests");
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void aBadExportIsNamedAndTheOtherBotsStillShow() {
        engine.addBot("gamma", "Gamma", 1, "1", "time,price,cash,position,equity\n2024-01-01T00:00:00Z,100,0,0,oops\n");

        model.refresh();

        assertThat(model.comparison()).extracting(ComparisonRow::name).containsExactly("Alpha (BTC/USD 1h)", "Beta (BTC/USD 1h)");
        assertThat(model.messageProperty().get()).isEqualTo("Gamma: equity export line 2: equity 'oops' is not a number");
    }

    @Test
    void aStoredBacktestIsComparedWithItsBuyAndHoldAndStaysAcrossRefreshes() {
        engine.store(FakePerformance.backtest("bt-1"));
        model.refresh();
        assertThat(model.stored()).extracting(StoredChoice::id).containsExactly("bt-1");
        assertThat(model.selectedStoredProperty().get().id()).isEqualTo("bt-1");

        model.compareSelected();
        model.refresh();

        assertThat(model.comparison()).hasSize(3);
        assertThat(model.comparison().get(2)).isEqualTo(new ComparisonRow("backtest", "sma-cross BTC/USD 1h [bt-1]",
                "2024-01-01 00:00 → 2024-12-30 23:00", "8,760 bars", "-4.12%", "18.75%", "3 trades", "$5.99", "+25.33%"));
        assertThat(model.returns()).extracting(NamedCurve::name).containsExactly("Alpha", "Beta", "backtest bt-1");
        assertThat(model.drawdowns().get(2).points()).extracting(CurvePoint::value).hasSize(3).last()
                .satisfies(v -> assertThat(v).isCloseTo((958.8 / 1100 - 1) * 100, within(1e-9)));

        model.compareSelected();
        assertThat(model.messageProperty().get()).isEqualTo("backtest bt-1 is already compared");
        assertThat(model.comparison()).hasSize(3);

        model.clearBacktests();
        assertThat(model.comparison()).hasSize(2);
    }

    @Test
    void withoutStoredBacktestsCompareSaysWhatToDo() {
        model.refresh();
        model.compareSelected();
        assertThat(model.messageProperty().get()).isEqualTo("no stored backtest to compare: run one in the Backtests tab");
    }

    @Test
    void aFailingEngineCallIsShownAndTheViewCanRefreshAgain() {
        BotSource broken = (BotSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {BotSource.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("channel shut down");
                });
        PerformanceViewModel failing = new PerformanceViewModel(broken, client.backtests(), Runnable::run, Runnable::run);

        failing.refresh();

        assertThat(failing.messageProperty().get()).isEqualTo("bots: channel shut down");
        assertThat(failing.loadingProperty().get()).isFalse();
        assertThat(failing.comparison()).isEmpty();
    }

    @Test
    void fractionsAndChangesAreFormattedFromExactDecimals() {
        assertThat(PerformanceViewModel.fractionAsPercent("0.1", true)).isEqualTo("+10.00%");
        assertThat(PerformanceViewModel.fractionAsPercent("", true)).isEqualTo("—");
        assertThat(PerformanceViewModel.change(new BigDecimal("3"), new BigDecimal("4"))).isEqualTo("+33.33%");
        assertThat(PerformanceViewModel.change(BigDecimal.ZERO, BigDecimal.ONE)).isEqualTo("—");
    }
}
