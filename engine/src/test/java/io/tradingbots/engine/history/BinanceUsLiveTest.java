package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.bench.FakeBinanceUs;
import io.tradingbots.engine.market.MarketSource;
import org.junit.jupiter.api.Test;

class BinanceUsLiveTest {

    @Test
    void warmsUpFromTheExchangeThroughXChange() throws Exception {
        try (FakeBinanceUs fake = new FakeBinanceUs(6_000, 1_000, 0);
             MarketSource m = BinanceUsLive.open(fake.url(), 42, 60)) {
            assertThat(m.description()).startsWith("binanceus live 1m");
            assertThat(m.history("BTC/USD")).hasSize(1_000);
            assertThat(m.history("ETH/USD").get(0).open())
                    .isEqualTo(FakeBinanceUs.openPrice("ETHUSD", 60_000, m.history("ETH/USD").get(0).openTime()));
        }
    }

    @Test
    void fallsBackToTheSimulationWhenTheExchangeCannotBeReached() {
        try (MarketSource m = BinanceUsLive.open("http://127.0.0.1:1", 42, 60)) {
            assertThat(m.description()).startsWith("simulated");
            assertThat(m.history("BTC/USD")).isNotEmpty();
        }
    }
}
