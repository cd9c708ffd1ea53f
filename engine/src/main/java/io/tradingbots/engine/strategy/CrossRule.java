package io.tradingbots.engine.strategy;

import org.ta4j.core.Indicator;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AbstractRule;

/**
 * The crossing of the backtest contract, on two bars only: up at i when a[i] &gt; b[i] and
 * a[i-1] &lt;= b[i-1]; down when a[i] &lt; b[i] and a[i-1] &gt;= b[i-1]. (ta4j's own crossed rules
 * look further back past equal values, which the contract does not.) False at i = 0.
 */
public final class CrossRule extends AbstractRule {

    private final Indicator<Num> a;
    private final Indicator<Num> b;
    private final boolean up;

    private CrossRule(Indicator<Num> a, Indicator<Num> b, boolean up) {
        this.a = a;
        this.b = b;
        this.up = up;
    }

    public static CrossRule up(Indicator<Num> a, Indicator<Num> b) {
        return new CrossRule(a, b, true);
    }

    public static CrossRule down(Indicator<Num> a, Indicator<Num> b) {
        return new CrossRule(a, b, false);
    }

    @Override
    public boolean isSatisfied(int index, TradingRecord tradingRecord) {
        if (index < 1) {
            return false;
        }
        double a0 = a.getValue(index - 1).doubleValue();
        double b0 = b.getValue(index - 1).doubleValue();
        double a1 = a.getValue(index).doubleValue();
        double b1 = b.getValue(index).doubleValue();
        return up ? a1 > b1 && a0 <= b0 : a1 < b1 && a0 >= b0;
    }
}
