package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.api.v1.GetCandlesResponse;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.history.CandleHistory;
import io.tradingbots.engine.history.CandleStore;
import io.tradingbots.engine.history.FetchJobs;
import io.tradingbots.engine.history.SeriesKey;
import io.tradingbots.engine.history.XChangeBinanceUsMarketData;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import io.tradingbots.shared.DaemonThreads;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HistoryService.GetCandles over an in-process server on an in-memory store. */
class GrpcCandlesTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");
    private static final long MIN = 60_000L;
    private static final long T0 = 1_546_300_800_000L; // 2019-01-01T00:00Z
    private static final SeriesKey BTC_1M = new SeriesKey("binanceus", "BTC/USD", Timeframe.M1);

    private Database db;
    private CandleStore store;
    private FetchJobs jobs;
    private ApiServer server;
    private ManagedChannel channel;
    private final ScheduledExecutorService ticker = DaemonThreads.scheduler("history-watch-test");

    @BeforeEach
    void start() throws Exception {
        db = Database.inMemory("grpc-candles-" + System.nanoTime());
        store = new CandleStore(db);
        // the exchange is never asked here: GetCandles reads only the store
        jobs = new FetchJobs(new CandleHistory(store), used -> new XChangeBinanceUsMarketData("http://127.0.0.1:9", 500, used), 0.95);
        String name = InProcessServerBuilder.generateName();
        server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN, List.of(new GrpcHistoryService(() -> jobs, ticker))).start();
        server.markServing();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        server.close();
        jobs.close();
        ticker.shutdownNow();
        db.close();
    }

    private List<GetCandlesResponse> get(GetCandlesRequest.Builder r) {
        List<GetCandlesResponse> out = new ArrayList<>();
        HistoryServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN))
                .withDeadlineAfter(30, TimeUnit.SECONDS).getCandles(r.build()).forEachRemaining(out::add);
        return out;
    }

    private static GetCandlesRequest.Builder btc1m() {
        return GetCandlesRequest.newBuilder().setSymbol("BTC/USD").setTimeframe("1m");
    }

    /** Candle i: prices with 2 to 5 decimals in turn, volume with 8; every value different. */
    private static Candle candle(SeriesKey key, int i) {
        int scale = 2 + i % 4;
        BigDecimal open = BigDecimal.valueOf(4_300_000 + i, 2).setScale(scale);
        BigDecimal high = open.add(BigDecimal.valueOf(i % 97 + 1, scale));
        BigDecimal low = open.subtract(BigDecimal.valueOf(i % 89 + 1, scale));
        BigDecimal close = open.add(BigDecimal.valueOf(i % 13 - 6, scale));
        BigDecimal volume = BigDecimal.valueOf(150_000_000L + i * 7L, 8);
        return new Candle(key.symbol(), key.timeframe(), T0 + i * key.timeframe().millis(), open, high, low, close, volume);
    }

    private List<Candle> storeCandles(SeriesKey key, int count) {
        List<Candle> candles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            candles.add(candle(key, i));
        }
        store.store(key, candles);
        return candles;
    }

    private static BigDecimal value(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale);
    }

    /** Every candle of every chunk, compared exactly (same numeric value) with what was stored. */
    private static void assertSame(List<GetCandlesResponse> got, List<Candle> expected) {
        int i = 0;
        for (GetCandlesResponse r : got) {
            CandleChunk c = r.getChunk();
            assertThat(c.getOpenCount()).isEqualTo(c.getOpenTimesCount()).isEqualTo(c.getHighCount())
                    .isEqualTo(c.getLowCount()).isEqualTo(c.getCloseCount()).isEqualTo(c.getVolumeCount());
            for (int k = 0; k < c.getOpenTimesCount(); k++, i++) {
                Candle e = expected.get(i);
                Candle sent = new Candle(e.symbol(), e.timeframe(), c.getOpenTimes(k), value(c.getOpen(k), c.getPriceScale()),
                        value(c.getHigh(k), c.getPriceScale()), value(c.getLow(k), c.getPriceScale()),
                        value(c.getClose(k), c.getPriceScale()), value(c.getVolume(k), c.getVolumeScale()));
                // plain comparisons: AssertJ per value makes 100,000 candles take seconds
                if (sent.openTime() != e.openTime() || sent.open().compareTo(e.open()) != 0 || sent.high().compareTo(e.high()) != 0
                        || sent.low().compareTo(e.low()) != 0 || sent.close().compareTo(e.close()) != 0
                        || sent.volume().compareTo(e.volume()) != 0) {
                    assertThat(sent).as("candle " + i).isEqualTo(e);
                }
            }
        }
        assertThat(i).as("candles received").isEqualTo(expected.size());
    }

    @Test
    void aWholeSeriesComesExactInChunksOfAtMostTenThousandAcrossReadSlices() {
        List<Candle> stored = storeCandles(BTC_1M, 123_456); // more than one 100,000-slot read slice
        long t = System.nanoTime();
        List<GetCandlesResponse> got = get(btc1m());
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.println("GetCandles: 123,456 candles in " + got.size() + " messages, "
                + got.stream().mapToLong(GetCandlesResponse::getSerializedSize).sum() / 1024 + " KiB, " + ms + " ms in-process");
        assertThat(got).allSatisfy(r -> {
            assertThat(r.getChunk().getOpenTimesCount()).isBetween(1, 10_000);
            assertThat(r.getTruncated()).isFalse();
        });
        assertSame(got, stored);
    }

    @Test
    void aClientThatReadsSlowlyIsSentOnlyWhatItAskedFor() throws Exception {
        storeCandles(BTC_1M, 25_000);
        List<GetCandlesResponse> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        io.grpc.stub.ClientCallStreamObserver<?>[] call = {null};
        HistoryServiceGrpc.newStub(channel).withCallCredentials(new BearerAuth(TOKEN)).getCandles(btc1m().build(),
                new io.grpc.stub.ClientResponseObserver<GetCandlesRequest, GetCandlesResponse>() {
                    @Override
                    public void beforeStart(io.grpc.stub.ClientCallStreamObserver<GetCandlesRequest> c) {
                        call[0] = c;
                        c.disableAutoRequestWithInitial(1); // reads one message, then stalls
                    }

                    @Override
                    public void onNext(GetCandlesResponse r) {
                        got.add(r);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> got.size() == 1);
        // a server that ignored flow control would push the other chunks now
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> got.size() == 1);
        assertThat(done.getCount()).isEqualTo(1);
        call[0].request(100);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(got.stream().mapToInt(r -> r.getChunk().getOpenTimesCount()).sum()).isEqualTo(25_000);
    }

    @Test
    void aRangeGivesOnlyItsCandlesAndMaxCandlesKeepsTheNewest() {
        List<Candle> stored = storeCandles(BTC_1M, 3_000);
        assertSame(get(btc1m().setFromTime(T0 + 100 * MIN).setToTime(T0 + 250 * MIN)), stored.subList(100, 250));
        // an unaligned end still gives exactly max_candles slots, the newest ones
        List<GetCandlesResponse> cut = get(btc1m().setFromTime(T0).setToTime(T0 + 2_000 * MIN + 5).setMaxCandles(500));
        assertThat(cut).isNotEmpty().allSatisfy(r -> assertThat(r.getTruncated()).isTrue());
        assertSame(cut, stored.subList(1_501, 2_001));
        // past the end and before the start: nothing, and no error
        assertThat(get(btc1m().setFromTime(T0 + 10_000 * MIN))).isEmpty();
        assertThat(get(btc1m().setFromTime(1).setToTime(T0))).isEmpty();
    }

    @Test
    void pricesOfDifferentScalesShareTheLargestAndAChunkEndsWhereThatWouldOverflow() {
        SeriesKey key = new SeriesKey("import", "ETH/USD", Timeframe.H1);
        long h = Timeframe.H1.millis();
        List<Candle> candles = List.of(
                new Candle("ETH/USD", Timeframe.H1, T0, new BigDecimal("1.5"), new BigDecimal("2"), new BigDecimal("1.25"),
                        new BigDecimal("1.5"), new BigDecimal("10")),
                // 46116860184273879.03 is 2^62 - 1 at scale 2 (the store keeps up to 62 bits as a long): fits, not at scale 3
                new Candle("ETH/USD", Timeframe.H1, T0 + h, new BigDecimal("1.5"), new BigDecimal("46116860184273879.03"),
                        new BigDecimal("1"), new BigDecimal("1.5"), new BigDecimal("0.5")),
                new Candle("ETH/USD", Timeframe.H1, T0 + 2 * h, new BigDecimal("1.001"), new BigDecimal("1.002"),
                        new BigDecimal("1.000"), new BigDecimal("1.001"), new BigDecimal("3")));
        store.store(key, candles);
        List<GetCandlesResponse> got = get(GetCandlesRequest.newBuilder().setSymbol("ETH/USD").setTimeframe("1h"));
        assertThat(got).extracting(r -> r.getChunk().getOpenTimesCount()).containsExactly(2, 1);
        assertThat(got).extracting(r -> r.getChunk().getPriceScale()).containsExactly(2, 3);
        assertThat(got.get(0).getChunk().getOpenList()).containsExactly(150L, 150L);
        assertThat(got.get(0).getChunk().getVolumeScale()).isEqualTo(1);
        assertThat(got.get(0).getChunk().getVolumeList()).containsExactly(100L, 5L);
        assertSame(got, candles);
    }

    @Test
    void aValueOverEighteenDigitsIsRefusedNotRounded() {
        SeriesKey key = new SeriesKey("import", "ETH/USD", Timeframe.H1);
        BigDecimal huge = new BigDecimal("123456789012345678901234.5");
        store.store(key, List.of(new Candle("ETH/USD", Timeframe.H1, T0, BigDecimal.ONE, huge, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE)));
        assertStatus(() -> get(GetCandlesRequest.newBuilder().setSymbol("ETH/USD").setTimeframe("1h")),
                Status.Code.FAILED_PRECONDITION, "too large for GetCandles");
    }

    @Test
    void badRequestsAreInvalidArgumentAndMissingSeriesNotFound() {
        storeCandles(BTC_1M, 10);
        storeCandles(new SeriesKey("import", "BTC/USD", Timeframe.H1), 10);
        storeCandles(new SeriesKey("binanceus", "BTC/USD", Timeframe.H1), 10);
        assertStatus(() -> get(GetCandlesRequest.newBuilder().setSymbol("btcusd").setTimeframe("1m")),
                Status.Code.INVALID_ARGUMENT, "symbol 'btcusd' is not BASE/QUOTE");
        assertStatus(() -> get(GetCandlesRequest.newBuilder().setSymbol("BTC/USD")),
                Status.Code.INVALID_ARGUMENT, "name a timeframe");
        assertStatus(() -> get(btc1m().setTimeframe("2h")), Status.Code.INVALID_ARGUMENT, "unknown timeframe '2h'");
        assertStatus(() -> get(btc1m().setFromTime(T0 + MIN).setToTime(T0)), Status.Code.INVALID_ARGUMENT, "empty range");
        assertStatus(() -> get(btc1m().setFromTime(-5)), Status.Code.INVALID_ARGUMENT, "not negative");
        assertStatus(() -> get(btc1m().setMaxCandles(5_000_001)), Status.Code.INVALID_ARGUMENT, "max_candles must be in 1..5000000");
        assertStatus(() -> get(btc1m().setMaxCandles(-1)), Status.Code.INVALID_ARGUMENT, "max_candles");
        assertStatus(() -> get(btc1m().setTimeframe("1h")), Status.Code.INVALID_ARGUMENT, "several sources ([binanceus, import])");
        assertStatus(() -> get(btc1m().setSymbol("ETH/USD")), Status.Code.NOT_FOUND, "no ETH/USD 1m candles are stored");
        assertStatus(() -> get(btc1m().setExchange("kraken")), Status.Code.NOT_FOUND, "from kraken");
        assertThat(get(btc1m().setTimeframe("1h").setExchange("import"))).hasSize(1);
    }

    private static void assertStatus(ThrowableAssert.ThrowingCallable call, Status.Code code, String message) {
        assertThatThrownBy(call).isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
