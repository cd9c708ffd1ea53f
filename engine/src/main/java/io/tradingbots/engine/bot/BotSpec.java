package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.Params;
import io.tradingbots.engine.strategy.Strategies;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One bot of the plan: what it trades, with which strategy and parameters, and its share of the
 * portfolio's capital in percent. {@code desired} is what the operator last asked for (running,
 * paused or stopped); it is kept in the plan file so that a restart keeps it.
 */
public record BotSpec(String id, String name, String strategy, Map<String, String> params, String symbol,
                      Timeframe timeframe, BigDecimal sharePercent, Desired desired) {

    /** What the operator wants the bot to do. */
    public enum Desired {
        RUNNING, PAUSED, STOPPED;

        public static Desired parse(String text, String botId) {
            for (Desired d : values()) {
                if (d.name().equalsIgnoreCase(text)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("bot " + botId + ": status '" + text + "' is not one of running, paused, stopped");
        }
    }

    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,23}$");

    public BotSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("bot id '" + id + "' must be 1-24 lower-case letters, digits or '-', starting with a letter or digit");
        }
        name = name == null || name.isBlank() ? id : name.strip();
        params = Map.copyOf(params == null ? Map.of() : params);
        if (symbol == null || symbol.indexOf('/') <= 0 || symbol.indexOf('/') == symbol.length() - 1) {
            throw new IllegalArgumentException("bot " + id + ": symbol must be BASE/QUOTE like BTC/USD, got " + symbol);
        }
        if (timeframe == null) {
            throw new IllegalArgumentException("bot " + id + ": timeframe is missing");
        }
        if (sharePercent == null || sharePercent.signum() <= 0 || sharePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("bot " + id + ": share must be in (0, 100] percent, got "
                    + (sharePercent == null ? "nothing" : sharePercent.toPlainString()));
        }
        desired = desired == null ? Desired.RUNNING : desired;
        try {
            Strategies.registry().resolve(strategy, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bot " + id + ": " + e.getMessage(), e);
        }
    }

    /** The checked parameters, defaults filled in. */
    public Params resolvedParams() {
        return Strategies.registry().resolve(strategy, params);
    }

    public String baseAsset() {
        return symbol.substring(0, symbol.indexOf('/'));
    }

    public String quoteAsset() {
        return symbol.substring(symbol.indexOf('/') + 1);
    }


    public BotSpec withShare(BigDecimal percent) {
        return new BotSpec(id, name, strategy, params, symbol, timeframe, percent, desired);
    }

    public BotSpec withDesired(Desired d) {
        return new BotSpec(id, name, strategy, params, symbol, timeframe, sharePercent, d);
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
