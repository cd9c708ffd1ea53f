package io.tradingbots.desktop.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.desktop.engine.CandleSource;
import io.tradingbots.desktop.engine.EngineException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Charts view model without the JavaFX toolkit: engine calls and UI updates run in place. */
class ChartViewModelTest {

    private static final Executor DIRECT = Runnable::run;
    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z
    private static final long MIN = 60_000;

    /** Serves {@code count} one-minute candles in chunks of 1,000: open = 100 + i, close = open + 0.5 for even i. */
    private static final class Source implements CandleSource {
        final List<SeriesInventory> inventory = new ArrayList<>();
        final List<GetCandlesRequest> requests = new ArrayList<>();
        int count;
        EngineException failure;

        @Override
        public List<SeriesInventory> inventory() throws EngineException {
            if (failure != null) {
                throw failure;
            }
            return inventory;
        }

        @Override
        public void candles(GetCandlesRequest request, Consumer<CandleChunk> sink) throws EngineException {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            for (int from = 0; from < count; from += 1_000) {
                CandleChunk.Builder c = CandleChunk.newBuilder().setPriceScale(2).setVolumeScale(0);
                for (int i = from; i < Math.min(count, from + 1_000); i++) {
                    long open = (100 + i) * 100L;
                    c.addOpenTimes(T0 + i * MIN).addOpen(open).addHigh(open + 100).addLow(open - 100)
                            .addClose(i % 2 == 0 ? open + 50 : open - 50).addVolume(i);
                }
                sink.accept(c.build());
            }
        }

        void stores(String exchange, String symbol, String timeframe, int n) {
            inventory.add(SeriesInventory.newBuilder().setExchange(exchange).setSymbol(symbol).setTimeframe(timeframe)
                    .setCount(n).build());
            count = n;
        }
    }

    @Test
    void refreshPicksTheFirstSeriesAndLoadsItShowingTheNewestCandles() {
        Source source = new Source();
        source.stores("binanceus", "BTC/USD", "1m", 10_000);
        ChartViewModel model = new ChartViewModel(source, DIRECT, DIRECT);
        model.refresh();
        assertThat(model.series()).extracting(SeriesChoice::toString).containsExactly("BTC/USD 1m · binanceus (10,000)");
        assertThat(source.requests).hasSize(1);
        GetCandlesRequest r = source.requests.get(0);
        assertThat(r.getExchange()).isEqualTo("binanceus");
        assertThat(r.getSymbol()).isEqualTo("BTC/USD");
        assertThat(r.getMaxCandles()).isEqualTo(ChartViewModel.MAX_LOAD);
        assertThat(model.candlesProperty().get().size()).isEqualTo(10_000);
        Viewport v = model.viewportProperty().get();
        assertThat(v.from()).isEqualTo(10_000 - 240);
        assertThat(v.to()).isEqualTo(10_000);
        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEmpty();
        // a second refresh keeps the selection and does not load again
        model.refresh();
        assertThat(source.requests).hasSize(1);
    }

    @Test
    void overlaysAreSmaFastAndSlowOfTheClosesAndFollowThePeriods() {
        Source source = new Source();
        source.stores("import", "ETH/USD", "1m", 100);
        ChartViewModel model = new ChartViewModel(source, DIRECT, DIRECT);
        model.refresh();
        List<Overlay> overlays = model.overlaysProperty().get();
        assertThat(overlays).extracting(Overlay::name).containsExactly("SMA 10", "SMA 30");
        // closes alternate +0.5 / -0.5 around 100 + i: the mean of 10 is 100 + (i - 4.5)
        assertThat(overlays.get(0).values()[9]).isEqualTo(104.5);
        assertThat(overlays.get(0).values()[8]).isNaN();
        model.fastPeriodProperty().set(2);
        assertThat(model.overlaysProperty().get().get(0).name()).isEqualTo("SMA 2");
        assertThat(model.overlaysProperty().get().get(0).values()[1]).isEqualTo(100.5);
    }

    @Test
    void zoomPanAndJumpsStayInsideTheSeries() {
        Source source = new Source();
        source.stores("import", "BTC/USD", "1m", 100_000);
        ChartViewModel model = new ChartViewModel(source, DIRECT, DIRECT);
        model.refresh();
        model.zoom(-1, 1); // one notch out, anchored at the right edge
        Viewport v = model.viewportProperty().get();
        assertThat(v.span()).isEqualTo(240 * 1.25);
        assertThat(v.to()).isEqualTo(100_000);
        model.pan(-2); // two arrow presses: 10% of the span each
        assertThat(model.viewportProperty().get().first()).isEqualTo(v.first() - 2 * 30);
        model.pan(1_000); // far to the right: stops at the newest candle
        assertThat(model.viewportProperty().get().to()).isEqualTo(100_000);
        model.jump(false);
        assertThat(model.viewportProperty().get().first()).isZero();
        model.drag(-600, 1_200); // dragging left shows newer candles: half a span
        assertThat(model.viewportProperty().get().first()).isEqualTo(150);
        for (int i = 0; i < 100; i++) {
            model.zoom(5, 0.5);
        }
        assertThat(model.viewportProperty().get().span()).isEqualTo(Viewport.MIN_SPAN);
        model.showAll();
        assertThat(model.viewportProperty().get().span()).isEqualTo(100_000);
        model.zoom(-3, 0.5);
        assertThat(model.viewportProperty().get().span()).isEqualTo(100_000);
    }

    @Test
    void hoverGivesAnOhlcvReadout() {
        Source source = new Source();
        source.stores("import", "BTC/USD", "1m", 1_000);
        ChartViewModel model = new ChartViewModel(source, DIRECT, DIRECT);
        model.refresh();
        model.hover(3);
        assertThat(model.readoutProperty().get())
                .isEqualTo("2024-01-01 00:03 UTC   O 103.00   H 104.00   L 102.00   C 102.50   V 3.00");
        model.hover(1_000);
        assertThat(model.readoutProperty().get()).isEmpty();
        assertThat(ChartViewModel.number(43_000.012345, 8)).isEqualTo("43,000.012345");
        assertThat(ChartViewModel.number(1_250, 4)).isEqualTo("1,250.00");
    }

    @Test
    void markersMapToTheCandleOpenAtTheirTime() {
        Source source = new Source();
        source.stores("import", "BTC/USD", "1m", 1_000);
        ChartViewModel model = new ChartViewModel(source, DIRECT, DIRECT);
        model.refresh();
        TradeMarker buy = new TradeMarker(T0 + 10 * MIN + 30_000, new BigDecimal("110.25"), TradeMarker.Side.BUY);
        TradeMarker sell = new TradeMarker(T0 + 20 * MIN, new BigDecimal("120"), TradeMarker.Side.SELL);
        TradeMarker before = new TradeMarker(T0 - 1, BigDecimal.ONE, TradeMarker.Side.BUY);
        TradeMarker after = new TradeMarker(T0 + 1_000 * MIN, BigDecimal.ONE, TradeMarker.Side.SELL);
        model.setMarkers(List.of(buy, sell, before, after));
        assertThat(model.markers()).containsExactly(buy, sell, before, after);
        assertThat(model.markerIndex(buy)).isEqualTo(10);
        assertThat(model.markerIndex(sell)).isEqualTo(20);
        assertThat(model.markerIndex(before)).isEqualTo(-1);
        assertThat(model.markerIndex(after)).isEqualTo(-1);
        assertThat(model.markerIndex(new TradeMarker(T0 + 999 * MIN + 59_999, BigDecimal.ONE, TradeMarker.Side.SELL))).isEqualTo(999);
    }

    @Test
    void failuresAndAnEmptyStoreAreSaidInTheMessage() {
        Source source = new Source();
        ChartViewModel model = new ChartViewModel(source, DIRECT, DIRECT);
        model.refresh();
        assertThat(model.messageProperty().get()).contains("no candles are stored yet").contains("Ctrl+H");

        source.stores("import", "BTC/USD", "1m", 10);
        source.failure = new EngineException("the engine is still starting: try again in a moment");
        model.refresh();
        assertThat(model.messageProperty().get()).isEqualTo("the engine is still starting: try again in a moment");
        source.failure = null;
        model.refresh();
        source.failure = new EngineException("no BTC/USD 1m candles are stored");
        model.load();
        assertThat(model.messageProperty().get()).isEqualTo("cannot load BTC/USD 1m: no BTC/USD 1m candles are stored");
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void aLoadOvertakenByAnotherPickIsDropped() {
        Source source = new Source();
        source.stores("import", "BTC/USD", "1m", 5_000);
        source.stores("import", "ETH/USD", "1m", 3_000);
        List<Runnable> queued = new ArrayList<>();
        ChartViewModel model = new ChartViewModel(source, queued::add, DIRECT);
        model.refresh();
        queued.remove(0).run(); // the inventory: selects BTC/USD, queues its load
        model.selectedProperty().set(model.series().get(1)); // ETH/USD picked before the BTC/USD load ran
        queued.remove(0).run(); // BTC/USD load: superseded
        assertThat(model.candlesProperty().get().size()).isZero();
        queued.remove(0).run(); // ETH/USD load
        assertThat(model.candlesProperty().get().size()).isEqualTo(3_000);
    }
}
