package io.tradingbots.engine.api;

import com.google.protobuf.Timestamp;
import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.EngineHealth;
import io.tradingbots.api.v1.ExchangeEndpointHealth;
import io.tradingbots.api.v1.FeedHealth;
import io.tradingbots.api.v1.HealthStatus;
import io.tradingbots.api.v1.Portfolio;
import io.tradingbots.api.v1.PriceQuote;
import io.tradingbots.engine.bot.BotStatus;
import io.tradingbots.engine.bot.BotView;
import io.tradingbots.engine.health.EndpointStats;
import io.tradingbots.engine.health.HealthView;
import io.tradingbots.engine.health.HostMetrics;
import io.tradingbots.engine.market.FeedStatus;
import io.tradingbots.engine.market.PriceView;
import io.tradingbots.engine.portfolio.PortfolioView;
import java.math.BigDecimal;
import java.time.Instant;

/** Domain views to API messages. Amounts become plain decimal strings, without exponent. */
final class ProtoMapper {

    private ProtoMapper() {}

    static String dec(BigDecimal v) {
        if (v == null) {
            return "";
        }
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    static Timestamp time(long epochMillis) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(epochMillis, 1000))
                .setNanos(Math.floorMod(epochMillis, 1000) * 1_000_000).build();
    }

    static Timestamp time(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static BotState toProto(BotView b) {
        BotState.Builder p = BotState.newBuilder()
                .setId(b.id()).setName(b.name()).setStrategy(b.strategy()).setSymbol(b.symbol()).setTimeframe(b.timeframe())
                .setStatus(toProto(b.status())).setStatusReason(b.statusReason())
                .setAllocationPercent(dec(b.allocationPercent())).setAllocatedCapital(dec(b.allocatedCapital()))
                .setCash(dec(b.cash())).setPosition(dec(b.position())).setEquity(dec(b.equity()))
                .setTodayPnl(dec(b.todayPnl())).setTradeCount(b.tradeCount()).setLastSignal(b.lastSignal());
        if (b.lastDecisionTime() > 0) {
            p.setLastDecisionTime(time(b.lastDecisionTime()));
        }
        return p.build();
    }

    static io.tradingbots.api.v1.BotStatus toProto(BotStatus s) {
        return switch (s) {
            case STOPPED -> io.tradingbots.api.v1.BotStatus.BOT_STATUS_STOPPED;
            case WARMING_UP -> io.tradingbots.api.v1.BotStatus.BOT_STATUS_WARMING_UP;
            case RUNNING -> io.tradingbots.api.v1.BotStatus.BOT_STATUS_RUNNING;
            case PAUSED -> io.tradingbots.api.v1.BotStatus.BOT_STATUS_PAUSED;
            case HALTED -> io.tradingbots.api.v1.BotStatus.BOT_STATUS_HALTED;
        };
    }

    static Portfolio toProto(PortfolioView p) {
        return Portfolio.newBuilder().setInitialCapital(dec(p.initialCapital())).setEquity(dec(p.equity()))
                .setCash(dec(p.cash())).setTodayPnl(dec(p.todayPnl())).setDrawdownPercent(dec(p.drawdownPercent()))
                .setPeakEquity(dec(p.peakEquity())).build();
    }

    static PriceQuote toProto(PriceView p) {
        return PriceQuote.newBuilder().setSymbol(p.symbol()).setPrice(dec(p.price())).setTime(time(p.time()))
                .setChange24HPercent(dec(p.change24hPercent())).build();
    }

    static EngineHealth toProto(HealthView h) {
        HealthStatus status = switch (h.status()) {
            case OK -> HealthStatus.HEALTH_STATUS_OK;
            case DEGRADED -> HealthStatus.HEALTH_STATUS_DEGRADED;
            case DOWN -> HealthStatus.HEALTH_STATUS_DOWN;
        };
        HostMetrics host = h.host();
        EngineHealth.Builder p = EngineHealth.newBuilder().setStatus(status).setDetail(h.detail()).setUptimeSeconds(h.uptimeSeconds())
                .setHeapUsedBytes(h.heapUsedBytes()).setHeapMaxBytes(h.heapMaxBytes()).setThreadCount(h.threadCount())
                .setProcessCpuLoad(h.processCpuLoad()).setMarketDataAgeMs(h.marketDataAgeMs()).setWatchers(h.watchers())
                .setMarketStatus(h.marketStatus())
                .setSystemCpuLoad(host.systemCpuLoad()).setAvailableProcessors(host.availableProcessors())
                .setSystemLoadAverage(host.loadAverage()).setMemoryTotalBytes(host.memoryTotalBytes())
                .setMemoryAvailableBytes(host.memoryAvailableBytes()).setDiskTotalBytes(host.diskTotalBytes())
                .setDiskFreeBytes(host.diskFreeBytes()).setGcCount(host.gcCount()).setGcTimeMs(host.gcTimeMs())
                .setNonHeapUsedBytes(host.nonHeapUsedBytes());
        for (FeedStatus f : h.feeds()) {
            FeedHealth.Builder feed = FeedHealth.newBuilder().setName(f.name()).setTimeframe(f.timeframe().label())
                    .setAgeMs(f.ageMs()).setExpectedIntervalMs(f.expectedIntervalMs());
            if (f.lastCloseMs() > 0) {
                feed.setLastCandleClose(time(f.lastCloseMs()));
            }
            p.addFeeds(feed);
        }
        for (EndpointStats e : h.endpoints()) {
            ExchangeEndpointHealth.Builder endpoint = ExchangeEndpointHealth.newBuilder().setName(e.name()).setCalls(e.calls())
                    .setErrors(e.errors()).setLastError(e.lastError()).setWindowSeconds(e.windowSeconds())
                    .setWindowCalls(e.windowCalls()).setWindowErrors(e.windowErrors())
                    .setLatencyP50Ms(e.latencyP50Ms()).setLatencyP99Ms(e.latencyP99Ms());
            if (e.lastErrorAtMs() > 0) {
                endpoint.setLastErrorTime(time(e.lastErrorAtMs()));
            }
            p.addEndpoints(endpoint);
        }
        return p.build();
    }
}
