package io.tradingbots.engine.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, deterministic market that needs no network: a regime-switching random walk.
 *
 * <p>The market moves in 5-second steps of market time. A hidden regime (calm, bull, bear, storm)
 * sets each step's drift and volatility and switches at random, with mean durations of a few
 * hours; annualised volatilities of 35–140% are in the range BTC and ETH really show. ETH follows
 * BTC with a correlation of 0.8 and 25% more volatility. The same seed gives the same path
 * whatever the speed: speed only sets how many market seconds pass per wall-clock second.
 */
public final class SimulatedMarket extends TimedMarketSource {

    static final long STEP_MS = 5_000;
    private static final long WALL_INTERVAL_MS = 100;
    private static final double SECONDS_PER_YEAR = 365.0 * 86_400;

    /** Hidden market regimes: annualised drift and volatility, and mean duration in hours. */
    enum Regime {
        CALM(0.0, 0.35, 8),
        BULL(40.0, 0.55, 6),
        BEAR(-40.0, 0.70, 4),
        STORM(0.0, 1.40, 2);

        final double drift;
        final double vol;
        final double meanHours;

        Regime(double drift, double vol, double meanHours) {
            this.drift = drift;
            this.vol = vol;
            this.meanHours = meanHours;
        }
    }

    /** One simulated instrument. */
    private static final class Instrument {
        final String symbol;
        final double volMultiplier;
        final double baseVolumePerStep;
        double price;
        long candleStart = Long.MIN_VALUE;
        double open;
        double high;
        double low;
        double volume;

        Instrument(String symbol, double price, double volMultiplier, double baseVolumePerStep) {
            this.symbol = symbol;
            this.price = price;
            this.volMultiplier = volMultiplier;
            this.baseVolumePerStep = baseVolumePerStep;
        }
    }

    private final long seed;
    private final double speed;
    private final Random random;
    private final List<Instrument> instruments = new ArrayList<>();
    private final Map<String, List<Candle>> history = new LinkedHashMap<>();
    private Regime regime = Regime.CALM;
    private long marketTime;
    private double owedMarketMs;
    private MarketListener listener;

    /**
     * @param seed          the path's seed
     * @param speed         market seconds per wall second (1 = real time)
     * @param start         market time (ms) at which the live part begins
     * @param warmUpMillis  market time simulated before {@code start}, returned by {@link #history}
     */
    public SimulatedMarket(long seed, double speed, long start, long warmUpMillis) {
        super("market-sim");
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be in (0, 100000], got " + speed);
        }
        this.seed = seed;
        this.speed = speed;
        this.random = new Random(seed);
        instruments.add(new Instrument("BTC/USD", 65_000.0, 1.0, 0.4));
        instruments.add(new Instrument("ETH/USD", 3_400.0, 1.25, 6.0));
        long from = Timeframe.M1.floor(start - warmUpMillis);
        marketTime = from;
        for (Instrument i : instruments) {
            history.put(i.symbol, new ArrayList<>());
        }
        while (marketTime < start) {
            step(c -> history.get(c.symbol()).add(c));
        }
    }

    @Override
    public String description() {
        return "simulated (seed " + seed + ", " + formatSpeed() + ")";
    }

    private String formatSpeed() {
        return (speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed)) + "x";
    }

    @Override
    String feedVenue() {
        return "sim";
    }

    @Override
    long expectedIntervalMs() {
        return Math.max(1, Math.round(Timeframe.M1.millis() / speed));
    }

    @Override
    public List<String> symbols() {
        return instruments.stream().map(i -> i.symbol).toList();
    }

    @Override
    public Timeframe baseTimeframe() {
        return Timeframe.M1;
    }

    @Override
    public List<Candle> history(String symbol) {
        return Collections.unmodifiableList(history.getOrDefault(symbol, List.of()));
    }

    @Override
    public void start(MarketListener listener) {
        this.listener = listener;
        startTimer(WALL_INTERVAL_MS * 1000, this::advanceWallInterval);
        setStatus("running");
    }

    /** Moves the market on by one wall-clock interval's worth of market time and reports prices. */
    private void advanceWallInterval() {
        owedMarketMs += WALL_INTERVAL_MS * speed;
        boolean moved = false;
        while (owedMarketMs >= STEP_MS) {
            owedMarketMs -= STEP_MS;
            step(c -> {
                listener.onCandle(c);
                markCandle(c);
            });
            moved = true;
        }
        if (moved) {
            for (Instrument i : instruments) {
                listener.onPrice(new PriceTick(i.symbol, marketTime, money(i.price)));
            }
            markEvent();
        }
    }

    /** Advances every instrument by one step; closed 1m candles go to {@code sink}. */
    private void step(java.util.function.Consumer<Candle> sink) {
        switchRegime();
        double dt = STEP_MS / 1000.0 / SECONDS_PER_YEAR;
        double common = shock();
        for (Instrument i : instruments) {
            double z = i == instruments.get(0) ? common : 0.8 * common + 0.6 * shock();
            double vol = regime.vol * i.volMultiplier;
            double logReturn = (regime.drift - 0.5 * vol * vol) * dt + vol * Math.sqrt(dt) * z;
            long stepStart = marketTime;
            long candleStart = Timeframe.M1.floor(stepStart);
            if (candleStart != i.candleStart) {
                i.candleStart = candleStart;
                i.open = i.price;
                i.high = i.price;
                i.low = i.price;
                i.volume = 0;
            }
            i.price = Math.max(0.01, i.price * Math.exp(logReturn));
            i.high = Math.max(i.high, i.price);
            i.low = Math.min(i.low, i.price);
            i.volume += i.baseVolumePerStep * (0.5 + Math.abs(z)) * (vol / 0.5);
            if (stepStart + STEP_MS == candleStart + Timeframe.M1.millis()) {
                sink.accept(new Candle(i.symbol, Timeframe.M1, candleStart, money(i.open), money(i.high),
                        money(i.low), money(i.price), BigDecimal.valueOf(i.volume).setScale(5, RoundingMode.HALF_UP)));
            }
        }
        marketTime += STEP_MS;
    }

    private void switchRegime() {
        double p = STEP_MS / (regime.meanHours * 3_600_000.0);
        if (random.nextDouble() < p) {
            Regime[] all = Regime.values();
            Regime next;
            do {
                next = all[random.nextInt(all.length)];
            } while (next == regime);
            regime = next;
        }
    }

    /** A standard normal draw with occasional fat-tail moves (1 step in 200 is three times larger). */
    private double shock() {
        double z = random.nextGaussian();
        return random.nextInt(200) == 0 ? 3 * z : z;
    }

    private static BigDecimal money(double price) {
        return BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP);
    }

    /** Market time (ms) of the next step. */
    long marketTime() {
        return marketTime;
    }

    @Override
    public void close() {
        closeTimer("stopped");
    }
}
