package io.tradingbots.engine;

import io.tradingbots.engine.bot.BotConfig;
import io.tradingbots.shared.HostPort;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one engine run needs, validated before anything starts.
 *
 * @param replayFiles symbol to candle file, for {@link MarketKind#REPLAY}
 * @param speed       market seconds per wall second (simulation and replay)
 */
public record EngineConfig(Path dataDir, HostPort listen, MarketKind market, long seed, double speed,
                           Map<String, Path> replayFiles, BigDecimal capital, List<BotConfig> bots) {

    public enum MarketKind { SIM, REPLAY, BINANCEUS }

    public EngineConfig {
        if (capital.signum() <= 0) {
            throw new IllegalArgumentException("--capital must be positive, got " + capital);
        }
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("--speed must be in (0, 100000], got " + speed);
        }
        if (market == MarketKind.REPLAY && replayFiles.isEmpty()) {
            throw new IllegalArgumentException("--market replay needs at least one --replay SYMBOL=FILE");
        }
        BigDecimal total = bots.stream().map(BotConfig::allocationPercent).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("bot allocations add up to " + total + "%, more than 100%");
        }
        replayFiles = Map.copyOf(replayFiles);
        bots = List.copyOf(bots);
    }
}
