package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.ExchangeEndpointHealth;
import io.tradingbots.api.v1.FeedHealth;
import io.tradingbots.api.v1.TradingMode;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.engine.bench.FakeBinanceUs;
import io.tradingbots.engine.bench.FakeBinanceUsSpot;
import io.tradingbots.engine.broker.BrokerException;
import io.tradingbots.engine.broker.XChangeBinanceUsBroker;
import io.tradingbots.engine.health.ExchangeCalls;
import io.tradingbots.engine.health.HealthMonitor;
import io.tradingbots.engine.history.XChangeBinanceUsMarketData;
import io.tradingbots.engine.market.LiveCandleMarket;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.state.StateHub;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to the loopback fakes of Binance.US reach the engine's health message on the real
 * WatchState stream: counts, latency, errors with a one-line last error, feeds and host figures.
 */
class HealthReportTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");
    private static final String KEY = "test-key-vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "test-secret-NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    @TempDir
    Path dataDir;

    private final ExchangeCalls calls = new ExchangeCalls();
    private final StateHub hub = new StateHub();

    /** The first WatchState message's health, after the monitor has published once. */
    private EngineHealth watchedHealth(LiveCandleMarket market) throws Exception {
        String name = InProcessServerBuilder.generateName();
        ExecutorService streams = Executors.newFixedThreadPool(2);
        EngineFacts facts = new EngineFacts("1.2.3", "abc1234", Instant.EPOCH, Instant.EPOCH, TradingMode.TRADING_MODE_PAPER,
                "test", dataDir.toString(), 1);
        try (HealthMonitor monitor = new HealthMonitor(market, hub, dataDir, calls, now -> List.of());
             ApiServer server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN,
                     List.of(new GrpcEngineService(facts, hub, streams))).start()) {
            monitor.start(); // publishes at once
            ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
            try {
                return EngineServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN))
                        .withDeadlineAfter(10, TimeUnit.SECONDS).watchState(WatchStateRequest.getDefaultInstance()).next().getHealth();
            } finally {
                channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        } finally {
            streams.shutdownNow();
        }
    }

    private static ExchangeEndpointHealth endpoint(EngineHealth h, String name) {
        return h.getEndpointsList().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no endpoint " + name + " in " + h.getEndpointsList()));
    }

    @Test
    void binanceUsMarketDataCallsAndFeedsReachTheHealthMessage() throws Exception {
        try (FakeBinanceUs fake = new FakeBinanceUs(6_000, 1_000, 0)) {
            XChangeBinanceUsMarketData data = new XChangeBinanceUsMarketData(fake.url(), 5_000, used -> { },
                    calls.endpoint("Binance.US market data"));
            // the warm-up: one klines call per symbol
            LiveCandleMarket market = new LiveCandleMarket((s, from, to) -> data.candles(s, Timeframe.M1, from, to, 1_000),
                    "binanceus", List.of("BTC/USD", "ETH/USD"), "binanceus live 1m (fake)", System::currentTimeMillis, 5_000);
            long now = Timeframe.M1.floor(System.currentTimeMillis());
            fake.failNext5xx.set(1);
            assertThatThrownBy(() -> data.candles("BTC/USD", Timeframe.M1, now - 60_000, now, 10))
                    .hasMessageContaining("HTTP 503");
            fake.force429Next.set(1);
            assertThatThrownBy(() -> data.candles("ETH/USD", Timeframe.M1, now - 60_000, now, 10))
                    .hasMessageContaining("HTTP 429");

            EngineHealth h = watchedHealth(market);
            market.close();

            ExchangeEndpointHealth e = endpoint(h, "Binance.US market data");
            assertThat(e.getCalls()).isEqualTo(4);
            assertThat(e.getErrors()).isEqualTo(2);
            assertThat(e.getWindowCalls()).isEqualTo(4);
            assertThat(e.getWindowErrors()).isEqualTo(2);
            assertThat(e.getWindowSeconds()).isEqualTo(300);
            assertThat(e.getLatencyP50Ms()).isPositive();
            assertThat(e.getLatencyP99Ms()).isGreaterThanOrEqualTo(e.getLatencyP50Ms()).isLessThan(5_000);
            assertThat(e.getLastError()).startsWith("ETH/USD 1m klines: HTTP 429 (too many requests)").doesNotContain("\n");
            assertThat(e.getLastErrorTime().getSeconds()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(30L));

            assertThat(h.getFeedsList()).extracting(FeedHealth::getName).containsExactly("binanceus BTC/USD 1m", "binanceus ETH/USD 1m");
            FeedHealth btc = h.getFeeds(0);
            assertThat(btc.getTimeframe()).isEqualTo("1m");
            assertThat(btc.getExpectedIntervalMs()).isEqualTo(60_000);
            // the fake has every minute up to now: the last closed candle closed at the current minute's start
            assertThat(btc.getLastCandleClose().getSeconds() * 1000).isEqualTo(market.history("BTC/USD").get(999).closeTime());
            assertThat(btc.getAgeMs()).isBetween(0L, 120_000L);

            assertThat(h.getDiskTotalBytes()).isPositive();
            assertThat(h.getDiskFreeBytes()).isBetween(0L, h.getDiskTotalBytes());
            assertThat(h.getMemoryTotalBytes()).isPositive();
            assertThat(h.getMemoryAvailableBytes()).isBetween(0L, h.getMemoryTotalBytes());
            assertThat(h.getAvailableProcessors()).isPositive();
        }
    }

    @Test
    void tradingCallsCountEveryAttemptAndTheirErrorsNeverCarryKeysOrSignatures() throws Exception {
        try (FakeBinanceUs marketFake = new FakeBinanceUs(6_000, 1_000, 0);
             FakeBinanceUsSpot fake = new FakeBinanceUsSpot(KEY, SECRET)) {
            fake.setBalance("USD", "1000");
            XChangeBinanceUsBroker broker = new XChangeBinanceUsBroker(KEY, SECRET,
                    XChangeBinanceUsBroker.Settings.defaults().withBaseUrl(fake.url()).withBackoff(3, 50),
                    calls.endpoint(XChangeBinanceUsBroker.ENDPOINT));
            fake.force429Next.set(1);
            assertThat(broker.balances()).containsKey("USD"); // a 429, then the retry answers
            fake.fail5xxNext.set(1);
            assertThatThrownBy(broker::balances).isInstanceOf(BrokerException.Unavailable.class);
            XChangeBinanceUsBroker wrongSecret = new XChangeBinanceUsBroker(KEY, SECRET.replace('N', 'M'),
                    XChangeBinanceUsBroker.Settings.defaults().withBaseUrl(fake.url()),
                    calls.endpoint(XChangeBinanceUsBroker.ENDPOINT));
            assertThatThrownBy(wrongSecret::balances).isInstanceOf(BrokerException.Rejected.class);

            XChangeBinanceUsMarketData data = new XChangeBinanceUsMarketData(marketFake.url(), 5_000, used -> { },
                    calls.endpoint("Binance.US market data"));
            LiveCandleMarket market = new LiveCandleMarket((s, from, to) -> data.candles(s, Timeframe.M1, from, to, 1_000),
                    "binanceus", List.of("BTC/USD"), "fake", System::currentTimeMillis, 5_000);
            EngineHealth h = watchedHealth(market);
            market.close();

            ExchangeEndpointHealth t = endpoint(h, "Binance.US trading");
            assertThat(t.getCalls()).isEqualTo(4);
            assertThat(t.getErrors()).isEqualTo(3);
            assertThat(t.getLastError()).contains("-1022").doesNotContain("\n")
                    .doesNotContain(KEY).doesNotContain(SECRET).doesNotContain(SECRET.replace('N', 'M')).doesNotContainIgnoringCase("signature=");
            assertThat(t.getLatencyP50Ms()).isPositive();
            assertThat(endpoint(h, "Binance.US market data").getErrors()).isZero();
        }
    }
}
