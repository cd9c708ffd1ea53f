package io.tradingbots.engine.bench;

import io.tradingbots.engine.backtest.Bars;
import io.tradingbots.engine.backtest.SyntheticBars;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.MarketListener;
import io.tradingbots.engine.market.MarketSource;
import io.tradingbots.engine.market.PriceTick;
import io.tradingbots.engine.market.Timeframe;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Seeded one-minute candles for the runtime's benchmark and tests, and a feed that delivers them
 * exactly as {@code ReplayMarket} does (per candle: its open price, its close price, the candle;
 * symbols merged in open-time order) but synchronously, as fast as the listener takes them.
 */
public final class CandleFeed {

    private CandleFeed() {}

    /** {@code n} 1m candles of a seeded walk ({@link SyntheticBars}) scaled to start near {@code startPrice}. */
    public static List<Candle> synthetic(String symbol, int n, long seed, long startMs, double startPrice) {
        Bars b = SyntheticBars.generate(symbol, Timeframe.M1, n, seed, startMs);
        double scale = startPrice / 30_000;
        List<Candle> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Candle(symbol, Timeframe.M1, b.openTime(i), money(b.open(i) * scale), money(b.high(i) * scale),
                    money(b.low(i) * scale), money(b.close(i) * scale), BigDecimal.valueOf(b.volume(i))));
        }
        return out;
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(Math.round(v * 100), 2);
    }

    /** Writes a replay file ({@code openTime,open,high,low,close,volume}, times in ms). */
    public static void writeCsv(Path file, List<Candle> candles) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("openTime,open,high,low,close,volume\n");
            for (Candle c : candles) {
                w.write(c.openTime() + "," + c.open().toPlainString() + "," + c.high().toPlainString() + "," + c.low().toPlainString()
                        + "," + c.close().toPlainString() + "," + c.volume().toPlainString() + "\n");
            }
        }
    }

    /** Delivers every candle to {@code listener} in replay order; returns the number of candles delivered. */
    public static long drive(MarketListener listener, Map<String, List<Candle>> bySymbol) {
        List<Candle> timeline = new ArrayList<>();
        bySymbol.values().forEach(timeline::addAll);
        timeline.sort(Comparator.comparingLong(Candle::openTime).thenComparing(Candle::symbol));
        for (Candle c : timeline) {
            listener.onPrice(new PriceTick(c.symbol(), c.openTime(), c.open()));
            listener.onPrice(new PriceTick(c.symbol(), c.closeTime() - 1, c.close()));
            listener.onCandle(c);
        }
        return timeline.size();
    }

    /** A market source that delivers nothing by itself: the caller drives the listener with {@link #drive}. */
    public static MarketSource driven(List<String> symbols) {
        return new MarketSource() {
            @Override
            public String description() {
                return "driven feed " + symbols;
            }

            @Override
            public List<String> symbols() {
                return symbols;
            }

            @Override
            public Timeframe baseTimeframe() {
                return Timeframe.M1;
            }

            @Override
            public List<Candle> history(String symbol) {
                return List.of();
            }

            @Override
            public void start(MarketListener listener) {}

            @Override
            public long lastEventWallMillis() {
                return 0;
            }

            @Override
            public String status() {
                return "driven";
            }

            @Override
            public void close() {}
        };
    }
}
