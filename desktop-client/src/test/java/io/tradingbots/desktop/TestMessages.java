package io.tradingbots.desktop;

import com.google.protobuf.Timestamp;
import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.BotStatus;
import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.HealthStatus;
import io.tradingbots.api.v1.Portfolio;
import io.tradingbots.api.v1.PriceQuote;
import io.tradingbots.api.v1.TradingMode;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.shared.ApiVersion;

/** Small builders for API messages used across the tests. */
public final class TestMessages {

    public static final Timestamp NOON = Timestamp.newBuilder().setSeconds(1_790_000_000L).build();

    private TestMessages() {}

    public static GetInfoResponse info() {
        return GetInfoResponse.newBuilder()
                .setVersion("0.1.0-test").setGitCommit("abcdef1234567890abcdef1234567890abcdef12").setMode(TradingMode.TRADING_MODE_PAPER)
                .setMarketSource("simulated (seed 42, 600x)").setDataDir("/tmp/tb").setApiVersion(ApiVersion.CURRENT)
                .setStartTime(NOON).setPid(4242).build();
    }

    public static BotState bot(String id, String name, String equity) {
        return BotState.newBuilder()
                .setId(id).setName(name).setStrategy("sma-cross(fast=10, slow=30)").setSymbol("BTC/USD")
                .setTimeframe("5m").setStatus(BotStatus.BOT_STATUS_RUNNING).setAllocationPercent("30")
                .setCash("1000").setPosition("0.01").setEquity(equity).setTodayPnl("-12.5").setTradeCount(3)
                .setLastSignal("HOLD").build();
    }

    public static PriceQuote price(String symbol, String price) {
        return PriceQuote.newBuilder().setSymbol(symbol).setPrice(price).setChange24HPercent("1.5").setTime(NOON).build();
    }

    public static Portfolio portfolio(String equity) {
        return Portfolio.newBuilder().setInitialCapital("10000").setEquity(equity).setCash("7000")
                .setTodayPnl("25").setDrawdownPercent("1.25").setPeakEquity(equity).build();
    }

    public static EngineHealth health() {
        return EngineHealth.newBuilder().setStatus(HealthStatus.HEALTH_STATUS_OK).setUptimeSeconds(75)
                .setHeapUsedBytes(64L << 20).setHeapMaxBytes(512L << 20).setMarketDataAgeMs(300).setWatchers(1).build();
    }

    /** A snapshot with the given bots and prices, the portfolio at {@code equity} and health. */
    public static WatchStateResponse snapshot(long sequence, String equity, BotState[] bots, PriceQuote... prices) {
        return WatchStateResponse.newBuilder().setSequence(sequence).setSnapshot(true).setTime(NOON)
                .addAllBots(java.util.List.of(bots)).addAllPrices(java.util.List.of(prices))
                .setPortfolio(portfolio(equity)).setHealth(health()).build();
    }

    public static WatchStateResponse.Builder delta(long sequence) {
        return WatchStateResponse.newBuilder().setSequence(sequence).setSnapshot(false).setTime(NOON);
    }
}
