package io.tradingbots.engine.bot;

import io.tradingbots.engine.market.Candle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

/**
 * The arbitrage bot's second venue while no second exchange is connected: the same candle with
 * its prices moved by a premium drawn from N(0, {@value #SIGMA}) that depends only on the symbol and
 * the candle's open time. So it is the same in every run over the same candles (a restarted replay
 * sees the same gaps), and the gap sometimes exceeds the fees, as between real venues.
 */
public final class SecondVenue {

    static final double SIGMA = 0.003;

    private SecondVenue() {}

    public static Candle of(Candle c) {
        long seed = c.openTime() * 31 + c.symbol().hashCode() + c.timeframe().millis();
        double premium = new SplittableRandom(seed).nextGaussian() * SIGMA;
        BigDecimal f = BigDecimal.valueOf(1 + premium);
        MathContext mc = MathContext.DECIMAL64;
        return new Candle(c.symbol(), c.timeframe(), c.openTime(), c.open().multiply(f, mc), c.high().multiply(f, mc),
                c.low().multiply(f, mc), c.close().multiply(f, mc), c.volume());
    }
}
