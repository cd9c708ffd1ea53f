package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The runner asks the second venue it was given, and an arbitrage bot without the other candle does not trade. */
class SecondVenueRuntimeTest {

    private static final BotPlan PLAN = new BotPlan(new BigDecimal("1000"),
            List.of(RuntimeHarness.spec("arbitrage", "arbitrage", Map.of(), "ETH/USD", "1m", "15")));

    /** A venue 2% above the first on every candle with an even minute, none on the others. */
    private static final class EvenMinutes implements SecondVenue {
        private final boolean any;

        EvenMinutes(boolean any) {
            this.any = any;
        }

        @Override
        public Optional<Candle> candle(Candle c) {
            if (!any || (c.openTime() / 60_000) % 2 != 0) {
                return Optional.empty();
            }
            BigDecimal f = new BigDecimal("1.02");
            return Optional.of(new Candle(c.symbol(), c.timeframe(), c.openTime(), c.open().multiply(f), c.high().multiply(f),
                    c.low().multiply(f), c.close().multiply(f), c.volume()));
        }

        @Override
        public String description() {
            return "test-venue";
        }
    }

    private static BotDetail run(SecondVenue venue) throws Exception {
        try (Database db = Database.inMemory("venue-" + System.nanoTime());
             RuntimeHarness h = new RuntimeHarness(db, PLAN, Function.identity(), venue)) {
            h.drive(RuntimeHarness.market(120));
            return h.runner.detail("arbitrage");
        }
    }

    @Test
    void noSecondCandleMeansNoDecisionAndTheStatusSaysWhy() throws Exception {
        BotDetail none = run(new EvenMinutes(false));
        assertThat(none.orderCount()).isZero();
        assertThat(none.lastSignal()).startsWith("no test-venue candle opening at").endsWith("yet: no decision on this bar");

        // the same market with the other venue 2% dearer on half the bars: the bot buys
        BotDetail half = run(new EvenMinutes(true));
        assertThat(half.orderCount()).isPositive();
    }
}
