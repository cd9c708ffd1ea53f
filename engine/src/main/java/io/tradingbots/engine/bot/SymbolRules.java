package io.tradingbots.engine.bot;

import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Trading rules of the symbols the paper broker knows, as Binance.US's exchangeInfo gives them
 * for its USD markets (price tick 0.01, lot step 0.00001 BTC / 0.0001 ETH, minimum order 10 USD).
 * Live mode uses the exchange's own answer instead.
 */
public final class SymbolRules {

    private static final Map<String, SymbolFilters> PAPER = Map.of(
            "BTC/USD", rules("BTC/USD", "0.00001"),
            "ETH/USD", rules("ETH/USD", "0.0001"));

    private SymbolRules() {}

    private static SymbolFilters rules(String symbol, String step) {
        BigDecimal tick = new BigDecimal("0.01");
        return new SymbolFilters(symbol, tick, tick, new BigDecimal("1000000"), new BigDecimal(step), new BigDecimal(step),
                new BigDecimal("9000"), BigDecimal.TEN);
    }

    public static Set<String> paperSymbols() {
        return PAPER.keySet();
    }

    /** The symbol's rules; a symbol the paper broker does not list is refused. */
    public static SymbolFilters paper(String symbol) {
        SymbolFilters f = PAPER.get(symbol);
        if (f == null) {
            throw new IllegalArgumentException("symbol " + symbol + " is not listed (known: " + PAPER.keySet().stream().sorted().toList() + ")");
        }
        return f;
    }
}
