package io.tradingbots.engine.strategy;

import org.ta4j.core.Indicator;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AbstractRule;

/**
 * A long position's trailing stop: satisfied at {@code i} when the price is at or under the highest
 * price since the entry bar (both included) times {@code (100 - percent) / 100} — the decision of
 * ta4j's {@code TrailingStopLossRule}, which builds a new highest-value indicator on every call and
 * so costs the whole position's length per bar (quadratic over a long trade; momentum on 33k
 * hourly bars took about a minute). Here the highest price is carried forward while the calls
 * come bar after bar, and recomputed from the entry otherwise, so it depends on bars up to
 * {@code i} only.
 */
public final class TrailingStop extends AbstractRule {

    private final Indicator<Num> price;
    private final Num percent;
    private int entry = -1;
    private int last = -1;
    private Num highest;

    public TrailingStop(Indicator<Num> price, Num percent) {
        this.price = price;
        this.percent = percent;
    }

    @Override
    public boolean isSatisfied(int index, TradingRecord record) {
        if (record == null) {
            return false;
        }
        Position p = record.getCurrentPosition();
        if (!p.isOpened() || !p.getEntry().isBuy()) {
            return false;
        }
        int from = p.getEntry().getIndex();
        if (from != entry || index < last || last < from) {
            entry = from;
            last = from;
            highest = price.getValue(from);
        }
        for (int i = last + 1; i <= index; i++) {
            Num v = price.getValue(i);
            if (v.isGreaterThan(highest)) {
                highest = v;
            }
        }
        last = Math.max(last, index);
        Num hundred = highest.hundred();
        Num stop = highest.multipliedBy(hundred.minus(percent).dividedBy(hundred));
        return price.getValue(index).isLessThanOrEqual(stop);
    }
}
