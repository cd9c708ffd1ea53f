package io.tradingbots.desktop.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.api.v1.ChartFill;
import io.tradingbots.api.v1.ChartPane;
import io.tradingbots.api.v1.GetBotChartRequest;
import io.tradingbots.api.v1.GetBotChartResponse;
import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.api.v1.IndicatorLine;
import io.tradingbots.api.v1.ListBotsResponse;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.desktop.engine.BotChartSource;
import io.tradingbots.desktop.engine.CandleSource;
import io.tradingbots.desktop.engine.EngineException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Charting a bot, without the JavaFX toolkit: its lines go to their panes, its fills become markers at their candles. */
class ChartBotViewModelTest {

    private static final Executor DIRECT = Runnable::run;
    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z
    private static final long STEP = 15 * 60_000L;
    private static final int N = 200;

    /** One stored series of 50 candles, and a bot whose chart is 200 fifteen-minute candles, three lines and two fills. */
    private static final class Engine implements CandleSource, BotChartSource {
        final List<GetBotChartRequest> chartRequests = new ArrayList<>();
        int lineValues = N;

        @Override
        public List<SeriesInventory> inventory() {
            return List.of(SeriesInventory.newBuilder().setExchange("import").setSymbol("ETH/USD").setTimeframe("1m").setCount(50).build());
        }

        @Override
        public void candles(GetCandlesRequest request, Consumer<CandleChunk> sink) {
            CandleChunk.Builder c = CandleChunk.newBuilder();
            for (int i = 0; i < 50; i++) {
                c.addOpenTimes(T0 + i * 60_000L).addOpen(10).addHigh(11).addLow(9).addClose(10).addVolume(1);
            }
            sink.accept(c.build());
        }

        @Override
        public ListBotsResponse list() {
            return ListBotsResponse.newBuilder().addBots(Bot.newBuilder().setId("sma-core").setName("Core SMA").setStrategy("sma-cross")
                    .setSymbol("BTC/USD").setTimeframe("15m")).build();
        }

        @Override
        public GetBotChartResponse chart(GetBotChartRequest request) throws EngineException {
            chartRequests.add(request);
            CandleChunk.Builder c = CandleChunk.newBuilder().setPriceScale(2).setVolumeScale(3);
            IndicatorLine.Builder sma = IndicatorLine.newBuilder().setName("SMA 10").setPane(ChartPane.CHART_PANE_PRICE);
            IndicatorLine.Builder rsi = IndicatorLine.newBuilder().setName("RSI 14").setPane(ChartPane.CHART_PANE_SEPARATE).setGroup("RSI");
            IndicatorLine.Builder level = IndicatorLine.newBuilder().setName("oversold 30").setPane(ChartPane.CHART_PANE_SEPARATE)
                    .setGroup("RSI");
            for (int i = 0; i < N; i++) {
                long open = 4_200_000 + i * 100L; // 42,000.00 + i
                c.addOpenTimes(T0 + i * STEP).addOpen(open).addHigh(open + 500).addLow(open - 500).addClose(open + 50).addVolume(1_500);
            }
            for (int i = 0; i < lineValues; i++) {
                sma.addValues(i < 9 ? Double.NaN : 42_000 + i - 4);
                rsi.addValues(i < 14 ? Double.NaN : 50 + (i % 10));
                level.addValues(30);
            }
            return GetBotChartResponse.newBuilder().setBotId("sma-core").setSymbol("BTC/USD").setTimeframe("15m")
                    .setStrategy("sma-cross(fast=10, slow=30)").setCandles(c).addLines(sma).addLines(rsi).addLines(level)
                    .setCandleSource("the bot's own bars (200)")
                    .addFills(ChartFill.newBuilder().setTime(T0 + 40 * STEP).setSide("BUY").setPrice("42040.12").setQuantity("0.0071")
                            .setFee("0.29868485").setFeeAsset("USD").setClientOrderId("tb-a-1"))
                    .addFills(ChartFill.newBuilder().setTime(T0 + 70 * STEP + 30_000).setSide("SELL").setPrice("42070.5").setQuantity("0.0071")
                            .setFee("0.29870055").setFeeAsset("USD").setClientOrderId("tb-a-2"))
                    .build();
        }
    }

    private static ChartViewModel chartingTheBot(Engine engine) {
        ChartViewModel model = new ChartViewModel(engine, DIRECT, DIRECT);
        model.useBots(engine);
        model.refresh();
        assertThat(model.bots()).extracting(BotChoice::toString).containsExactly("Core SMA · sma-cross · BTC/USD 15m");
        model.selectedBotProperty().set(model.bots().get(0));
        return model;
    }

    @Test
    void theBotsLinesGoToTheirPanesAndReplaceTheSpinnersSmas() {
        Engine engine = new Engine();
        ChartViewModel model = chartingTheBot(engine);
        assertThat(engine.chartRequests).singleElement().satisfies(r -> {
            assertThat(r.getId()).isEqualTo("sma-core");
            assertThat(r.getMaxCandles()).isEqualTo(ChartViewModel.BOT_CANDLES);
        });
        assertThat(model.selectedProperty().get()).as("the stored series is no longer shown").isNull();
        assertThat(model.candlesProperty().get().size()).isEqualTo(N);
        assertThat(model.candlesProperty().get().close(0)).isEqualTo(42_000.5);
        List<Overlay> lines = model.overlaysProperty().get();
        assertThat(lines).extracting(Overlay::name).containsExactly("SMA 10", "RSI 14", "oversold 30");
        assertThat(lines).extracting(Overlay::pane).containsExactly(Overlay.Pane.PRICE, Overlay.Pane.SEPARATE, Overlay.Pane.SEPARATE);
        assertThat(lines).extracting(Overlay::group).containsExactly("", "RSI", "RSI");
        assertThat(lines.get(0).values()[8]).isNaN();
        assertThat(lines.get(0).values()[9]).isEqualTo(42_005.0);
        assertThat(lines.get(1).values()[25]).isEqualTo(55.0);
        // the SMA spinners do not replace a bot's own lines
        model.fastPeriodProperty().set(3);
        assertThat(model.overlaysProperty().get()).extracting(Overlay::name).containsExactly("SMA 10", "RSI 14", "oversold 30");
        assertThat(model.botInfoProperty().get())
                .isEqualTo("sma-cross(fast=10, slow=30) on BTC/USD 15m · the bot's own bars (200) · 2 fills");
    }

    @Test
    void fillsAreMarkersAtTheirCandlesAndPricesAndReadOutUnderTheCursor() {
        ChartViewModel model = chartingTheBot(new Engine());
        assertThat(model.fills()).hasSize(2);
        assertThat(model.markers()).extracting(TradeMarker::side).containsExactly(TradeMarker.Side.BUY, TradeMarker.Side.SELL);
        assertThat(model.markers()).extracting(TradeMarker::price)
                .containsExactly(new BigDecimal("42040.12"), new BigDecimal("42070.5"));
        assertThat(model.markerIndex(model.markers().get(0))).as("at the close of candle 39").isEqualTo(39);
        assertThat(model.markerIndex(model.markers().get(1))).as("30 s into candle 70").isEqualTo(70);
        model.hover(70);
        assertThat(model.readoutProperty().get()).endsWith("   · SELL 0.0071 @ 42,070.50 fee 0.29870055 USD");
        model.hover(39);
        assertThat(model.readoutProperty().get()).endsWith("   · BUY 0.0071 @ 42,040.12 fee 0.29868485 USD");
        model.hover(69);
        assertThat(model.readoutProperty().get()).doesNotContain("·");
        assertThat(model.fills().get(0).toString()).isEqualTo("2024-01-01 10:00:00  BUY 0.0071 @ 42,040.12 fee 0.29868485 USD");

        // a click in the fills list centres the view on the fill's candle, at the zoom it has
        model.zoom(5, 0.5);
        model.showFill(model.fills().get(0));
        Viewport v = model.viewportProperty().get();
        assertThat(v.first() + v.span() / 2).isEqualTo(39.5);
    }

    @Test
    void pickingAStoredSeriesLeavesTheBotAndItsFills() {
        ChartViewModel model = chartingTheBot(new Engine());
        model.selectedProperty().set(model.series().get(0));
        assertThat(model.selectedBotProperty().get()).isNull();
        assertThat(model.candlesProperty().get().size()).isEqualTo(50);
        assertThat(model.fills()).isEmpty();
        assertThat(model.markers()).isEmpty();
        assertThat(model.botInfoProperty().get()).isEmpty();
        assertThat(model.overlaysProperty().get()).extracting(Overlay::name).containsExactly("SMA 10", "SMA 30");
    }

    @Test
    void aChartWhoseLinesDoNotMatchItsCandlesIsRefusedWithAMessage() {
        Engine engine = new Engine();
        engine.lineValues = N - 1;
        ChartViewModel model = chartingTheBot(engine);
        assertThat(model.messageProperty().get()).isEqualTo(
                "bot sma-core: the engine sent a chart that does not fit together: line SMA 10 has 199 values for 200 candles");
        assertThat(model.loadingProperty().get()).isFalse();
    }
}
