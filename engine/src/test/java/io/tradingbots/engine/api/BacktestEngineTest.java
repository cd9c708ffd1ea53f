package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tradingbots.api.v1.BacktestServiceGrpc;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.GetBacktestRequest;
import io.tradingbots.api.v1.ListBacktestsRequest;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.RunBacktestResponse;
import io.tradingbots.engine.Engine;
import io.tradingbots.engine.EngineConfig;
import io.tradingbots.engine.backtest.Bars;
import io.tradingbots.engine.backtest.SyntheticBars;
import io.tradingbots.engine.history.LocalHistory;
import io.tradingbots.engine.history.SeriesKey;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import io.tradingbots.shared.HostPort;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine in this JVM on a file database: BacktestService is served behind the token,
 * runs on the candles the store holds, and what it stored is still listed after a restart.
 */
class BacktestEngineTest {

    @TempDir
    Path dir;

    @Test
    void aBacktestRunThroughTheEngineIsStoredAndSurvivesARestart() throws Exception {
        Bars bars = SyntheticBars.generate("BTC/USD", Timeframe.H1, 2_000, 11, 1_600_000_000_000L / 3_600_000 * 3_600_000);
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            candles.add(new Candle("BTC/USD", Timeframe.H1, bars.openTime(i), BigDecimal.valueOf(bars.open(i)),
                    BigDecimal.valueOf(bars.high(i)), BigDecimal.valueOf(bars.low(i)), BigDecimal.valueOf(bars.close(i)),
                    BigDecimal.valueOf(bars.volume(i))));
        }
        try (LocalHistory h = LocalHistory.open(dir)) {
            h.history().store().store(new SeriesKey("import", "BTC/USD", Timeframe.H1), candles);
        }

        BacktestSummary ran;
        try (Engine engine = start()) {
            List<RunBacktestResponse> seen = new ArrayList<>();
            withStub(engine, stub -> stub.runBacktest(RunBacktestRequest.newBuilder().setSymbol("BTC/USD").setTimeframe("1h")
                    .setStrategy("sma-cross").putAllParams(Map.of("fast", "8", "slow", "40")).build()).forEachRemaining(seen::add));
            RunBacktestResponse last = seen.get(seen.size() - 1);
            assertThat(last.hasResult()).isTrue();
            ran = last.getResult().getSummary();
            assertThat(ran.getBars()).isEqualTo(2_000);
        }
        try (Engine engine = start()) {
            withStub(engine, stub -> {
                assertThat(stub.listBacktests(ListBacktestsRequest.getDefaultInstance()).getBacktestsList()).containsExactly(ran);
                var full = stub.getBacktest(GetBacktestRequest.newBuilder().setId(ran.getId()).build()).getResult();
                assertThat(full.getSummary()).isEqualTo(ran);
                assertThat(full.getTradesCount() + (full.hasOpenPosition() ? 1 : 0)).isEqualTo(ran.getTrades());
                assertThat(full.getEquityCurveCount()).isEqualTo(2_000);
            });
        }
    }

    private Engine start() {
        return new Engine(new EngineConfig(dir, HostPort.parse("127.0.0.1:0"), EngineConfig.MarketKind.SIM, 1, 1, Map.of(),
                BigDecimal.valueOf(1000), List.of())).start(d -> { });
    }

    private interface StubUse {
        void accept(BacktestServiceGrpc.BacktestServiceBlockingStub stub) throws Exception;
    }

    private void withStub(Engine engine, StubUse use) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", engine.port()).usePlaintext().build();
        try {
            ApiToken token = ApiToken.read(dir.resolve(ApiToken.FILE_NAME));
            use.accept(BacktestServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(token))
                    .withDeadlineAfter(30, TimeUnit.SECONDS));
        } finally {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }
}
