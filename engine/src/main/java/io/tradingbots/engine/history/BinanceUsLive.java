package io.tradingbots.engine.history;

import io.tradingbots.engine.health.ExchangeCalls;
import io.tradingbots.engine.market.LiveCandleMarket;
import io.tradingbots.engine.market.MarketSource;
import io.tradingbots.engine.market.MarketSources;
import io.tradingbots.engine.market.Timeframe;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code tb engine --market binanceus}: live one-minute candles from Binance.US, or the simulation when it cannot be reached. */
public final class BinanceUsLive {

    private static final Logger log = LoggerFactory.getLogger(BinanceUsLive.class);
    public static final List<String> SYMBOLS = List.of("BTC/USD", "ETH/USD");
    static final long POLL_MS = 5_000;
    /** The live feed's endpoint in the health report. */
    public static final String ENDPOINT = "Binance.US market data";

    private BinanceUsLive() {}

    public static MarketSource open(String url, long seed, double speed) {
        return open(url, seed, speed, ExchangeCalls.detached(ENDPOINT));
    }

    /** As above, each call to Binance.US counted and timed in {@code calls}. */
    public static MarketSource open(String url, long seed, double speed, ExchangeCalls.Endpoint calls) {
        XChangeBinanceUsMarketData source = new XChangeBinanceUsMarketData(url, 10_000, used -> {}, calls);
        try {
            return new LiveCandleMarket((symbol, start, end) -> source.candles(symbol, Timeframe.M1, start, end, HistoryFetcher.LIMIT),
                    "binanceus", SYMBOLS, "binanceus live 1m (" + url + ")", System::currentTimeMillis, POLL_MS);
        } catch (RuntimeException e) {
            log.warn("Binance.US at {} cannot be reached ({}): falling back to the simulated market", url, e.getMessage());
            return MarketSources.simulated(seed, speed);
        }
    }
}
