package io.tradingbots.engine.agent;

import java.util.Locale;
import java.util.Map;

/**
 * The operator's settings for the allocation agent: the {@code "agent"} section of bots.json
 * (docs/bots.md). Off unless {@code enabled}; every bot's weight stays at or under its cap
 * ({@code caps} by bot id, else {@code defaultCap}), and moves at most {@code stepPoints} per
 * change once a regime has held {@code minCandles} regime candles.
 */
public record AgentSettings(boolean enabled, double stepPoints, int minCandles, double defaultCap, Map<String, Double> caps) {

    public AgentSettings {
        if (stepPoints <= 0 || stepPoints > 100) {
            throw new IllegalArgumentException("agent: step must be in (0, 100] percentage points, got " + stepPoints);
        }
        if (minCandles < 1) {
            throw new IllegalArgumentException("agent: minCandles must be at least 1, got " + minCandles);
        }
        if (defaultCap <= 0 || defaultCap > 100) {
            throw new IllegalArgumentException("agent: defaultCap must be in (0, 100] percent, got " + defaultCap);
        }
        caps = Map.copyOf(caps);
        caps.forEach((id, cap) -> {
            if (cap <= 0 || cap > 100) {
                throw new IllegalArgumentException("agent: cap of bot " + id + " must be in (0, 100] percent, got " + cap);
            }
        });
    }

    /** The agent off (what a plan without an "agent" section gets). */
    public static AgentSettings disabled() {
        return new AgentSettings(false, 5, 12, 40, Map.of());
    }

    /** On, with the documented defaults: 5 points a step, after 12 regime candles, caps of 40%. */
    public static AgentSettings enabledDefaults() {
        return new AgentSettings(true, 5, 12, 40, Map.of());
    }

    public double capOf(String botId) {
        return caps.getOrDefault(botId, defaultCap);
    }

    /** How a strategy family is moved: by the registry name of the bot's strategy. */
    public static AllocationPolicy.Style style(String strategy) {
        return switch (strategy.toLowerCase(Locale.ROOT)) {
            case "momentum" -> AllocationPolicy.Style.MOMENTUM;
            case "scalp" -> AllocationPolicy.Style.SCALP;
            case "hedge" -> AllocationPolicy.Style.HEDGE;
            default -> AllocationPolicy.Style.NEUTRAL;
        };
    }
}
