package io.tradingbots.engine.backtest;

import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.DoubleNum;

/** The ta4j strategy itself, with a trading record of the backtest's real fills. */
final class Ta4jDecider implements Decider {

    private final Strategy strategy;
    private final TradingRecord record = new BaseTradingRecord();

    Ta4jDecider(Strategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public boolean act(int i, boolean holding) {
        return holding ? strategy.shouldExit(i, record) : strategy.shouldEnter(i, record);
    }

    @Override
    public void filled(int i, boolean buy, double price, double quantity) {
        if (buy) {
            record.enter(i, DoubleNum.valueOf(price), DoubleNum.valueOf(quantity));
        } else {
            record.exit(i, DoubleNum.valueOf(price), DoubleNum.valueOf(quantity));
        }
    }
}
