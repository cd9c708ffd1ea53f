package io.tradingbots.engine.risk;

import io.tradingbots.engine.EngineException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code "risk"} section of bots.json: some or all limits, by the names of the gRPC SetLimits
 * ({@link RiskLimits#asMap}), in the same units. Limits it leaves out keep their current value.
 * It applies at engine start through {@link RiskManager#setLimits}, so it is validated and audited
 * like a change over gRPC; the file is never written back.
 */
public record RiskConfig(Map<String, BigDecimal> values) {

    public static final Set<String> KEYS = RiskLimits.defaults().asMap().keySet();

    public RiskConfig {
        for (String k : values.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("risk: unknown key \"" + k + "\" (allowed: " + KEYS.stream().sorted().toList() + ")");
            }
        }
        values = Map.copyOf(values);
    }

    /** {@code current} with this section's values in place of its own; validated by {@link RiskLimits}. */
    public RiskLimits over(RiskLimits current) {
        Map<String, String> m = new LinkedHashMap<>(current.asMap());
        values.forEach((k, v) -> m.put(k, v.toPlainString()));
        BigDecimal perMinute = new BigDecimal(m.get("max_orders_per_minute"));
        if (perMinute.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("max_orders_per_minute must be a whole number, got " + perMinute.toPlainString());
        }
        return new RiskLimits(d(m, "daily_loss_percent"), d(m, "entry_buffer_percent"), d(m, "bot_drawdown_percent"),
                d(m, "coin_exposure_percent"), d(m, "total_exposure_percent"), d(m, "max_order_notional"),
                perMinute.intValueExact(), d(m, "min_order_notional"));
    }

    /**
     * Applies the section from {@code file} to {@code risk} as "config file &lt;file&gt;". Nothing changes
     * when it matches the current limits; a refused section (invalid, or a raise while halted) throws
     * one line naming the file, and the limits stay as they were.
     */
    public List<LimitChange> apply(RiskManager risk, Path file) {
        try {
            return risk.setLimits(over(risk.limits()), "config file " + file);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new EngineException(file + ": \"risk\" refused, limits unchanged: " + e.getMessage(), e);
        }
    }

    private static BigDecimal d(Map<String, String> m, String key) {
        return new BigDecimal(m.get(key));
    }
}
