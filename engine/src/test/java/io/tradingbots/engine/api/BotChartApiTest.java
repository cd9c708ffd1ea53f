package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.api.v1.ChartFill;
import io.tradingbots.api.v1.ChartPane;
import io.tradingbots.api.v1.GetBotChartRequest;
import io.tradingbots.api.v1.GetBotChartResponse;
import io.tradingbots.api.v1.IndicatorLine;
import io.tradingbots.engine.bot.RuntimeAccess;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.history.CandleHistory;
import io.tradingbots.engine.history.CandleStore;
import io.tradingbots.engine.history.FetchJobs;
import io.tradingbots.engine.history.SeriesKey;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.CandleAggregator;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.order.JournalEvent;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * GetBotChart against a runtime that traded 1,440 seeded one-minute candles: the lines equal
 * ta4j's indicators computed here on the same candles with the bots' parameters, and the fills
 * are the journal's.
 */
class BotChartApiTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");
    private static final int MINUTES = 1_440;

    private Database db;
    private RuntimeAccess rt;
    private FetchJobs history;
    private ApiServer server;
    private ManagedChannel channel;
    private ExecutorService streams;
    private BotServiceGrpc.BotServiceBlockingStub stub;
    private Map<String, List<Candle>> market;

    @BeforeEach
    void start() throws Exception {
        db = Database.inMemory("bot-chart-" + System.nanoTime());
        rt = RuntimeAccess.start(db, RuntimeAccess.fastPlan());
        history = new FetchJobs(new CandleHistory(new CandleStore(db)), used -> null, 0.95); // no fetching here
        streams = Executors.newFixedThreadPool(2);
        String name = InProcessServerBuilder.generateName();
        server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN,
                List.of(new GrpcBotService(rt::runner, rt.events(), streams, history::candles))).start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = BotServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN));
        market = RuntimeAccess.market(MINUTES);
        rt.drive(MINUTES);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.close();
        streams.shutdownNow();
        history.close();
        rt.close();
        db.close();
    }

    @Test
    void withoutStoredCandlesTheChartIsTheBotsOwnBarsWithItsSmasAndItsFills() {
        GetBotChartResponse chart = stub.getBotChart(GetBotChartRequest.newBuilder().setId("sma-core").build());

        // the bot keeps its newest 1,000 one-minute bars: those are the candles
        List<Candle> btc = market.get("BTC/USD");
        List<Candle> held = btc.subList(MINUTES - 1_000, MINUTES);
        assertThat(chart.getSymbol()).isEqualTo("BTC/USD");
        assertThat(chart.getTimeframe()).isEqualTo("1m");
        assertThat(chart.getStrategy()).isEqualTo("sma-cross(fast=5, slow=20)");
        assertThat(chart.getCandleSource()).isEqualTo("the bot's own bars (1,000)");
        assertThat(chart.getCandles().getOpenTimesList()).containsExactlyElementsOf(held.stream().map(Candle::openTime).toList());
        assertThat(closes(chart.getCandles())).containsExactly(held.stream().mapToDouble(c -> c.close().doubleValue()).toArray(),
                within(1e-9));

        // SMA 5 and SMA 20 of the closes, as ta4j's own SMAIndicator computes them on the same bars
        BarSeries s = series(held, Timeframe.M1);
        ClosePriceIndicator close = new ClosePriceIndicator(s);
        assertThat(chart.getLinesList()).extracting(IndicatorLine::getName).containsExactly("SMA 5", "SMA 20");
        assertThat(chart.getLinesList()).extracting(IndicatorLine::getPane).containsOnly(ChartPane.CHART_PANE_PRICE);
        assertLine(chart.getLines(0), new SMAIndicator(close, 5), 0, 4);
        assertLine(chart.getLines(1), new SMAIndicator(close, 20), 0, 19);

        // every fill of the journal inside the chart's time, with its side, price, quantity and fee
        List<JournalEvent> journal = rt.runner().journal().read("sma-core");
        Map<String, String> sides = new HashMap<>();
        List<JournalEvent> fills = new ArrayList<>();
        for (JournalEvent e : journal) {
            if (e.kind() == JournalEvent.Kind.INTENT) {
                sides.put(e.clientOrderId(), e.side().name());
            } else if (e.kind() == JournalEvent.Kind.FILL && e.eventTime() >= held.get(0).openTime()) {
                fills.add(e);
            }
        }
        assertThat(fills).as("the bot traded in the charted stretch").hasSizeGreaterThan(2);
        assertThat(chart.getFillsList()).hasSize(fills.size());
        for (int i = 0; i < fills.size(); i++) {
            JournalEvent e = fills.get(i);
            ChartFill f = chart.getFills(i);
            assertThat(f.getTime()).isEqualTo(e.eventTime());
            assertThat(f.getSide()).isEqualTo(sides.get(e.clientOrderId()));
            assertThat(new BigDecimal(f.getPrice())).isEqualByComparingTo(e.price());
            assertThat(new BigDecimal(f.getQuantity())).isEqualByComparingTo(e.quantity());
            assertThat(new BigDecimal(f.getFee())).isEqualByComparingTo(e.fee());
            assertThat(f.getClientOrderId()).isEqualTo(e.clientOrderId());
        }
        assertThat(chart.getFillsList()).extracting(ChartFill::getSide).contains("BUY", "SELL");
    }

    @Test
    void storedCandlesCarryScalpsRsiAndBandsAndMomentumsEmasAndAdxFromBeforeTheRange() {
        Map<String, List<Candle>> fiveMinutes = new HashMap<>();
        CandleStore store = new CandleStore(db);
        for (String symbol : List.of("ETH/USD", "BTC/USD")) {
            CandleAggregator agg = new CandleAggregator(symbol, Timeframe.M1, Timeframe.M5);
            List<Candle> out = new ArrayList<>();
            market.get(symbol).forEach(c -> out.addAll(agg.add(c)));
            store.store(new SeriesKey("import", symbol, Timeframe.M5), out);
            fiveMinutes.put(symbol, out);
        }
        List<Candle> eth = fiveMinutes.get("ETH/USD");
        int from = 150; // of the 287 closed 5m candles; the chart's lines start warm from bars before it
        int to = 250;
        GetBotChartResponse scalp = stub.getBotChart(GetBotChartRequest.newBuilder().setId("scalp")
                .setFromTime(eth.get(from).openTime()).setToTime(eth.get(to).openTime()).build());
        assertThat(scalp.getCandleSource()).isEqualTo("store import 5m (100)");
        assertThat(scalp.getCandles().getOpenTimesList()).containsExactlyElementsOf(eth.subList(from, to).stream().map(Candle::openTime).toList());
        assertThat(scalp.getLinesList()).extracting(IndicatorLine::getName)
                .containsExactly("BB middle 20", "BB lower 20/2", "BB upper 20/2", "RSI 14", "oversold 30");
        assertThat(scalp.getLinesList()).extracting(IndicatorLine::getPane).containsExactly(ChartPane.CHART_PANE_PRICE,
                ChartPane.CHART_PANE_PRICE, ChartPane.CHART_PANE_PRICE, ChartPane.CHART_PANE_SEPARATE, ChartPane.CHART_PANE_SEPARATE);
        // scalp's defaults: RSI 14, bands 20 x 2; warm-up 4 x max(14, 20) + 10 = 90 bars before the range
        int warm = 90;
        BarSeries s = series(eth.subList(from - warm, to), Timeframe.M5);
        ClosePriceIndicator close = new ClosePriceIndicator(s);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        assertLine(scalp.getLines(0), middle, warm, 0);
        assertLine(scalp.getLines(1), new BollingerBandsLowerIndicator(middle, new StandardDeviationIndicator(close, 20),
                DoubleNum.valueOf(2)), warm, 0);
        assertLine(scalp.getLines(3), new RSIIndicator(close, 14), warm, 0);
        assertThat(scalp.getLines(4).getValuesList()).containsOnly(30.0);
        assertThat(scalp.getLines(3).getGroup()).isEqualTo(scalp.getLines(4).getGroup());

        List<Candle> btc = fiveMinutes.get("BTC/USD");
        GetBotChartResponse momentum = stub.getBotChart(GetBotChartRequest.newBuilder().setId("momentum")
                .setFromTime(btc.get(from).openTime()).setToTime(btc.get(to).openTime()).build());
        // momentum here: fast 6, slow 24, ADX 14; unstable max(24, 28, 35) = 35, warm-up 150: every stored bar before the range
        BarSeries b = series(btc.subList(0, to), Timeframe.M5);
        ClosePriceIndicator bc = new ClosePriceIndicator(b);
        assertThat(momentum.getLinesList()).extracting(IndicatorLine::getName)
                .containsExactly("EMA 6", "EMA 24", "ADX 14", "ADX floor 20", "MACD 12/26", "signal 9");
        assertLine(momentum.getLines(0), new EMAIndicator(bc, 6), from, 0);
        assertLine(momentum.getLines(1), new EMAIndicator(bc, 24), from, 0);
        assertLine(momentum.getLines(2), new ADXIndicator(b, 14), from, 0);
        assertThat(momentum.getLines(2).getGroup()).isNotEqualTo(momentum.getLines(4).getGroup());
    }

    @Test
    void badRangesAndUnknownBotsAreRefused() {
        long t = 1_700_006_400_000L;
        assertRefused(GetBotChartRequest.newBuilder().setId("nope").build(), Status.Code.NOT_FOUND, "no bot 'nope'");
        assertRefused(GetBotChartRequest.newBuilder().setId("sma-core").setFromTime(t).setToTime(t + 200_001L * 60_000).build(),
                Status.Code.INVALID_ARGUMENT, "200,001 1m bars, more than 200,000");
        assertRefused(GetBotChartRequest.newBuilder().setId("sma-core").setFromTime(t).setToTime(t).build(),
                Status.Code.INVALID_ARGUMENT, "empty range");
        assertRefused(GetBotChartRequest.newBuilder().setId("sma-core").setMaxCandles(50_001).build(),
                Status.Code.INVALID_ARGUMENT, "max_candles must be in 1..50000");
        // exactly 200,000 bars is allowed (nothing stored there: an empty chart that says so)
        GetBotChartResponse empty = stub.getBotChart(GetBotChartRequest.newBuilder().setId("sma-core").setFromTime(t - 200_000L * 60_000)
                .setToTime(t).build());
        assertThat(empty.getCandles().getOpenTimesCount()).isZero();
        assertThat(empty.getCandleSource()).startsWith("no BTC/USD 1m candles");
    }

    private void assertRefused(GetBotChartRequest r, Status.Code code, String text) {
        assertThatThrownBy(() -> stub.getBotChart(r)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(text);
        });
    }

    /** Line values equal the indicator at series index {@code offset + i}; the first {@code undefined} are NaN. */
    private static void assertLine(IndicatorLine line, Indicator<Num> expected, int offset, int undefined) {
        for (int i = 0; i < line.getValuesCount(); i++) {
            double got = line.getValues(i);
            if (i < undefined) {
                assertThat(got).as(line.getName() + " at " + i).isNaN();
                continue;
            }
            double want = expected.getValue(offset + i).doubleValue();
            assertThat(got).as(line.getName() + " at " + i).isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
        }
    }

    private static double[] closes(CandleChunk c) {
        return c.getCloseList().stream().mapToDouble(v -> v / Math.pow(10, c.getPriceScale())).toArray();
    }

    private static BarSeries series(List<Candle> candles, Timeframe tf) {
        BarSeries s = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        for (Candle c : candles) {
            s.addBar(tf.duration(), ZonedDateTime.ofInstant(Instant.ofEpochMilli(c.closeTime()), ZoneOffset.UTC), s.numOf(c.open()),
                    s.numOf(c.high()), s.numOf(c.low()), s.numOf(c.close()), s.numOf(c.volume()));
        }
        return s;
    }
}
