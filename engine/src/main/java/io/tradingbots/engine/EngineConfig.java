package io.tradingbots.engine;

import io.tradingbots.engine.bot.BotConfig;
import io.tradingbots.engine.bot.BotPlan;
import io.tradingbots.engine.bot.BotSpec;
import io.tradingbots.shared.HostPort;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one engine run needs, validated before anything starts.
 *
 * @param replayFiles symbol to candle file, for {@link MarketKind#REPLAY}
 * @param speed       market seconds per wall second (simulation and replay)
 * @param plan        the bots to run; null: {@code <data-dir>/bots.json}, or the default plan when it does not exist
 * @param live        true: orders go to Binance.US with the keys in {@code keysFile}
 */
public record EngineConfig(Path dataDir, HostPort listen, MarketKind market, long seed, double speed,
                           Map<String, Path> replayFiles, BigDecimal capital, BotPlan plan, boolean live, Path keysFile) {

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
        if (live && keysFile == null) {
            throw new IllegalArgumentException("--mode live needs --keys FILE (a 0600 file with apiKey= and secretKey=)");
        }
        if (live && market != MarketKind.BINANCEUS) {
            throw new IllegalArgumentException("--mode live trades on Binance.US: it needs --market binanceus (live prices)");
        }
        replayFiles = Map.copyOf(replayFiles);
    }

    /** The walking skeleton's form: the given sma-cross bots make the plan. */
    public EngineConfig(Path dataDir, HostPort listen, MarketKind market, long seed, double speed, Map<String, Path> replayFiles,
                        BigDecimal capital, List<BotConfig> bots) {
        this(dataDir, listen, market, seed, speed, replayFiles, capital, new BotPlan(capital, bots.stream().map(c -> {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("fast", Integer.toString(c.fast()));
            p.put("slow", Integer.toString(c.slow()));
            return new BotSpec(c.id(), c.name(), "sma-cross", p, c.symbol(), c.timeframe(), c.allocationPercent(), null);
        }).toList()), false, null);
    }
}
