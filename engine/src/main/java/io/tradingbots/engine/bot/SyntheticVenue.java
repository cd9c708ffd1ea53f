package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Candle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The arbitrage bot's second venue in simulated and replayed markets (no second exchange there): the same candle with
 * its prices moved by a premium that swings slowly ({@value #SWING} × sin over a {@value #PERIOD_HOURS} h
 * cycle) plus noise from N(0, {@value #SIGMA}) seeded by the symbol and the candle's open time. It
 * depends on nothing else, so it is the same in every run over the same candles (a restarted
 * replay sees the same gaps), and the gap exceeds the fees now and then, as between real venues.
 */
public final class SyntheticVenue implements SecondVenue {

    static final double SWING = 0.005;
    static final double SIGMA = 0.0008;
    static final int PERIOD_HOURS = 6;

    static final SyntheticVenue INSTANCE = new SyntheticVenue();

    private SyntheticVenue() {}

    @Override
    public Optional<Candle> candle(Candle c) {
        return Optional.of(of(c));
    }

    @Override
    public String description() {
        return "synthetic second venue";
    }

    static Candle of(Candle c) {
        long seed = c.openTime() * 31 + c.symbol().hashCode() + c.timeframe().millis();
        double phase = 2 * Math.PI * (c.openTime() % (PERIOD_HOURS * 3_600_000L)) / (PERIOD_HOURS * 3_600_000.0);
        double premium = SWING * Math.sin(phase) + new SplittableRandom(seed).nextGaussian() * SIGMA;
        BigDecimal f = BigDecimal.valueOf(1 + premium);
        MathContext mc = MathContext.DECIMAL64;
        return new Candle(c.symbol(), c.timeframe(), c.openTime(), c.open().multiply(f, mc), c.high().multiply(f, mc),
                c.low().multiply(f, mc), c.close().multiply(f, mc), c.volume());
    }
}
