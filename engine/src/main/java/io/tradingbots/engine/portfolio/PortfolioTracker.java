package io.tradingbots.engine.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Sums the bots into a portfolio: equity is the unallocated cash plus every bot's equity; today's
 * P&L is measured from the equity at the first update of the UTC day (market clock); drawdown from
 * the highest equity seen since start.
 */
public final class PortfolioTracker {

    private final BigDecimal initialCapital;
    private final BigDecimal unallocated;
    private BigDecimal peak;
    private LocalDate day;
    private BigDecimal dayStart;

    public PortfolioTracker(BigDecimal initialCapital, BigDecimal allocated) {
        if (allocated.compareTo(initialCapital) > 0) {
            throw new IllegalArgumentException("bots are given " + allocated + " but the portfolio has only " + initialCapital);
        }
        this.initialCapital = initialCapital;
        this.unallocated = initialCapital.subtract(allocated);
        this.peak = initialCapital;
    }

    /** Cash no bot was given. */
    public BigDecimal unallocated() {
        return unallocated;
    }

    /** Recomputes the portfolio from the bots' current equity and cash at a market time. */
    public PortfolioView update(long marketTime, BigDecimal botsEquity, BigDecimal botsCash) {
        BigDecimal equity = unallocated.add(botsEquity);
        LocalDate d = Instant.ofEpochMilli(marketTime).atZone(ZoneOffset.UTC).toLocalDate();
        if (!d.equals(day)) {
            day = d;
            dayStart = equity;
        }
        if (equity.compareTo(peak) > 0) {
            peak = equity;
        }
        BigDecimal drawdown = peak.signum() == 0 ? BigDecimal.ZERO
                : peak.subtract(equity).multiply(BigDecimal.valueOf(100)).divide(peak, 4, RoundingMode.HALF_EVEN);
        return new PortfolioView(initialCapital, equity, unallocated.add(botsCash), equity.subtract(dayStart),
                drawdown.stripTrailingZeros(), peak);
    }
}
