package io.tradingbots.engine.market;

import io.tradingbots.engine.history.CandleFileReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the market source an engine run asks for. */
public final class MarketSources {

    /** How much market time the simulation makes up before the live start, for warm-up. */
    public static final long SIM_WARM_UP_MS = 3L * 86_400_000L;

    private MarketSources() {}

    public static MarketSource simulated(long seed, double speed) {
        return new SimulatedMarket(seed, speed, Timeframe.M5.floor(System.currentTimeMillis()), SIM_WARM_UP_MS);
    }

    public static MarketSource replay(Map<String, Path> files, double speed) {
        Map<String, List<Candle>> candles = new LinkedHashMap<>();
        StringBuilder names = new StringBuilder();
        for (var e : files.entrySet()) {
            candles.put(e.getKey(), CandleFileReader.readInferringTimeframe(e.getValue(), e.getKey()).candles());
            names.append(names.length() == 0 ? "" : ", ").append(e.getKey()).append(" from ").append(e.getValue().getFileName());
        }
        String speedText = speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
        return new ReplayMarket(candles, speed, "replay (" + names + ", " + speedText + "x)");
    }
}
