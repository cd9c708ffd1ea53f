package io.tradingbots.engine.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The risk picture at one moment. Money in quote currency; percentages in percent.
 *
 * @param equity            portfolio equity at the latest marks (null while a held symbol has no price yet)
 * @param dayStartEquity    equity at the start of the UTC day (null until known)
 * @param dailyPnl          equity minus day-start equity: realised and unrealised together
 * @param dailyLossPercent  the day's loss in percent of day-start equity (0 on a winning day)
 * @param limitUsedPercent  that loss in percent of the daily loss limit (100 = at the limit)
 * @param exposureByCoin    |position| x mark summed per coin (BTC, ETH) over all bots
 * @param exposureByBot     |position| x mark summed per bot
 * @param drawdownByBot     how far each bot's equity is below its highest, in percent
 * @param halt              why trading is halted; null when it is not
 * @param entriesBlocked    why new entries are refused right now (halt, loss buffer); empty when they are not
 */
public record RiskSnapshot(Instant time, LocalDate day, BigDecimal equity, BigDecimal dayStartEquity, BigDecimal dailyPnl,
                           BigDecimal dailyLossPercent, BigDecimal limitUsedPercent, BigDecimal totalExposure,
                           Map<String, BigDecimal> exposureByCoin, Map<String, BigDecimal> exposureByBot,
                           Map<String, BigDecimal> drawdownByBot, HaltState halt, String entriesBlocked, RiskLimits limits) {

    public boolean halted() {
        return halt != null;
    }
}
