package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The bots an engine runs and the capital they share. {@link #validate} checks what a plan can
 * only be checked against: shares add up to at most 100%, every bot's capital is at least its
 * symbol's minimum order, every symbol is listed, and bot ids stay distinct inside client order ids.
 */
public record BotPlan(BigDecimal capital, List<BotSpec> bots) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public BotPlan {
        if (capital == null || capital.signum() <= 0) {
            throw new IllegalArgumentException("capital must be positive, got " + (capital == null ? "nothing" : capital.toPlainString()));
        }
        bots = List.copyOf(bots);
        Map<String, String> ids = new HashMap<>();
        for (BotSpec b : bots) {
            // client order ids carry the first 12 characters of the bot id: two bots must differ there
            String part = b.id().replace('-', '_');
            part = part.length() > 12 ? part.substring(0, 12) : part;
            String clash = ids.put(part, b.id());
            if (clash != null) {
                throw new IllegalArgumentException(clash.equals(b.id()) ? "bot id " + b.id() + " appears twice"
                        : "bot ids " + clash + " and " + b.id() + " must differ in their first 12 characters (client order ids carry them)");
            }
        }
        BigDecimal total = totalShare(bots);
        if (total.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("bot shares add up to " + total.stripTrailingZeros().toPlainString() + "%, more than 100%");
        }
    }

    private static BigDecimal totalShare(List<BotSpec> bots) {
        return bots.stream().map(BotSpec::sharePercent).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalSharePercent() {
        return totalShare(bots);
    }

    /** The bot's capital: capital × share / 100, in the quote currency, to the cent (down). */
    public BigDecimal capitalOf(BotSpec b) {
        return capital.multiply(b.sharePercent()).divide(HUNDRED, 2, RoundingMode.DOWN);
    }

    public BigDecimal unallocated() {
        return bots.stream().map(this::capitalOf).reduce(capital, BigDecimal::subtract);
    }

    public BotSpec bot(String id) {
        return bots.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("no bot '" + id + "': the plan has " + ids()));
    }

    public List<String> ids() {
        return bots.stream().map(BotSpec::id).toList();
    }

    /** The same plan with one bot replaced (same id). */
    public BotPlan with(BotSpec changed) {
        bot(changed.id());
        List<BotSpec> out = new ArrayList<>();
        for (BotSpec b : bots) {
            out.add(b.id().equals(changed.id()) ? changed : b);
        }
        return new BotPlan(capital, out);
    }

    /**
     * Checks the plan against the market: each bot's symbol must be in {@code listed}, and its
     * capital must reach its symbol's minimum order ({@code filters}' min notional).
     */
    public BotPlan validate(Set<String> listed, Function<String, SymbolFilters> filters) {
        for (BotSpec b : bots) {
            if (!listed.contains(b.symbol())) {
                throw new IllegalArgumentException("bot " + b.id() + ": symbol " + b.symbol() + " is not listed (known: "
                        + listed.stream().sorted().toList() + ")");
            }
            BigDecimal min = filters.apply(b.symbol()).minNotional();
            if (capitalOf(b).compareTo(min) < 0) {
                throw new IllegalArgumentException("bot " + b.id() + ": its share " + b.sharePercent().stripTrailingZeros().toPlainString()
                        + "% of " + capital.stripTrailingZeros().toPlainString() + " is " + capitalOf(b).toPlainString()
                        + ", below the minimum order of " + min.stripTrailingZeros().toPlainString() + " on " + b.symbol());
            }
        }
        return this;
    }

    /**
     * The default plan: core {@code sma-cross} 30%, {@code scalp} 25% (on 5m), {@code momentum}
     * 25%, {@code arbitrage} 15%, {@code hedge} 5% of {@code capital}, on BTC/USD and ETH/USD.
     */
    public static BotPlan defaults(BigDecimal capital) {
        return new BotPlan(capital, List.of(
                new BotSpec("sma-core", "Core SMA crossover", "sma-cross", BotSpec.params("fast", "10", "slow", "30"), "BTC/USD",
                        Timeframe.M15, BigDecimal.valueOf(30), null),
                new BotSpec("scalp", "Scalper", "scalp", Map.of(), "ETH/USD", Timeframe.M5, BigDecimal.valueOf(25), null),
                new BotSpec("momentum", "Momentum", "momentum", Map.of(), "BTC/USD", Timeframe.H1, BigDecimal.valueOf(25), null),
                new BotSpec("arbitrage", "Cross-venue arbitrage", "arbitrage", Map.of(), "ETH/USD", Timeframe.M1,
                        BigDecimal.valueOf(15), null),
                new BotSpec("hedge", "Hedged SMA", "hedge", Map.of(), "ETH/USD", Timeframe.M15, BigDecimal.valueOf(5), null)));
    }
}
