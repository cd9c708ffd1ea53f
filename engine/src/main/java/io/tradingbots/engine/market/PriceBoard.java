package io.tradingbots.engine.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** Last prices per symbol, with the change against the price 24 market hours earlier. */
public final class PriceBoard {

    private static final long DAY_MS = 86_400_000L;
    private static final long SAMPLE_MS = 60_000L;

    private record Sample(long time, BigDecimal price) {}

    private final Map<String, ArrayDeque<Sample>> samples = new HashMap<>();

    /** Records a price and returns its view. Keeps one sample per market minute for 24 hours. */
    public PriceView update(PriceTick tick) {
        ArrayDeque<Sample> q = samples.computeIfAbsent(tick.symbol(), s -> new ArrayDeque<>());
        if (q.isEmpty() || tick.time() - q.peekLast().time() >= SAMPLE_MS) {
            q.addLast(new Sample(tick.time(), tick.price()));
        }
        BigDecimal change = null;
        Sample base = null;
        while (!q.isEmpty() && tick.time() - q.peekFirst().time() >= DAY_MS) {
            base = q.pollFirst();
        }
        if (base != null) {
            q.addFirst(base); // keep the newest sample that is at least a day old as the base
            change = tick.price().subtract(base.price()).multiply(BigDecimal.valueOf(100))
                    .divide(base.price(), 2, RoundingMode.HALF_EVEN);
        }
        return new PriceView(tick.symbol(), tick.price(), tick.time(), change);
    }
}
