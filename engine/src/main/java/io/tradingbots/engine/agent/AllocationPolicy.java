package io.tradingbots.engine.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Moves capital weights between bots toward the strategies that suit each bot's market: more to
 * momentum in trends, to scalping in ranges, to the hedge in high volatility. It moves gradually
 * (at most {@code stepPoints} per bot per change), only once a regime has held for
 * {@code minCandles}, then again only after {@code minCandles} more readings of the symbol (a
 * cool-down), not for gaps under {@link #DEAD_BAND_POINTS} to the target, never above a bot's cap,
 * never while the risk manager is restricting, and keeps the sum of the weights. Every change comes with its reason in plain words.
 * Not thread-safe: one market thread.
 */
public final class AllocationPolicy {

    /** No move while every bot is within this many percentage points of its target. */
    static final double DEAD_BAND_POINTS = 2.0;

    /** How a strategy family fares in each regime (relative scores; the target shares follow them). */
    public enum Style {
        MOMENTUM(3, 1, 0.5),
        SCALP(1, 3, 0.5),
        HEDGE(0.5, 0.5, 3),
        NEUTRAL(1, 1, 1);

        private final double trend;
        private final double range;
        private final double volatile_;

        Style(double trend, double range, double volatile_) {
            this.trend = trend;
            this.range = range;
            this.volatile_ = volatile_;
        }

        double score(Regime r) {
            return switch (r) {
                case TRENDING_UP, TRENDING_DOWN -> trend;
                case RANGING -> range;
                case HIGH_VOLATILITY -> volatile_;
                case UNKNOWN -> 1;
            };
        }
    }

    /** One bot: its label in messages ("scalp"), its style, the symbol whose regime drives it, its cap and start weight, in percent. */
    public record Slot(String botId, String label, Style style, String symbol, double capPercent, double weightPercent) {
        public Slot {
            if (capPercent <= 0 || capPercent > 100) {
                throw new IllegalArgumentException("bot " + botId + ": cap must be in (0, 100] percent, got " + capPercent);
            }
            if (weightPercent < 0 || weightPercent > capPercent) {
                throw new IllegalArgumentException("bot " + botId + ": weight " + weightPercent + "% must be in [0, cap " + capPercent + "%]");
            }
        }
    }

    /** A change of weights, with why. Weights in percent of the portfolio, by bot id. */
    public record Change(long time, Map<String, Double> before, Map<String, Double> after, String reason) {}

    private final List<Slot> slots;
    private final double stepPoints;
    private final int minCandles;
    private final BooleanSupplier riskRestricting;
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private boolean changed;
    private final Map<String, RegimeReading> latest = new HashMap<>();
    /** Readings of each symbol since the last change (any symbol's): a change waits {@code minCandles} of them. */
    private final Map<String, Integer> sinceChange = new HashMap<>();

    public AllocationPolicy(List<Slot> slots, double stepPoints, int minCandles, BooleanSupplier riskRestricting) {
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("the policy needs at least one bot");
        }
        if (stepPoints <= 0) {
            throw new IllegalArgumentException("step must be positive, got " + stepPoints);
        }
        double capSum = slots.stream().mapToDouble(Slot::capPercent).sum();
        double total = slots.stream().mapToDouble(Slot::weightPercent).sum();
        if (total > 100 + 1e-9) {
            throw new IllegalArgumentException("weights add up to " + total + "%, more than 100%");
        }
        if (capSum + 1e-9 < total) {
            throw new IllegalArgumentException("caps add up to " + capSum + "%, less than the " + total + "% to allocate");
        }
        this.slots = List.copyOf(slots);
        this.stepPoints = stepPoints;
        this.minCandles = minCandles;
        this.riskRestricting = riskRestricting;
        slots.forEach(s -> weights.put(s.botId(), s.weightPercent()));
    }

    /** Takes the weights actually applied (a move the runtime could only partly make), so the next step starts from them. */
    public void resync(Map<String, Double> actual) {
        actual.forEach((id, w) -> {
            if (weights.containsKey(id)) {
                weights.put(id, w);
            }
        });
    }

    public Map<String, Double> weights() {
        return Map.copyOf(weights);
    }

    /** A symbol's new reading; returns the change it causes, if any. */
    public Optional<Change> onReading(RegimeReading r) {
        latest.put(r.symbol(), r);
        int quiet = sinceChange.merge(r.symbol(), 1, Integer::sum);
        if (changed && quiet <= minCandles) {
            return Optional.empty(); // cool-down after the last change
        }
        if (r.regime() == Regime.UNKNOWN || r.candlesInRegime() < minCandles || riskRestricting.getAsBoolean()) {
            return Optional.empty();
        }
        if (slots.stream().noneMatch(s -> s.symbol().equals(r.symbol()))) {
            return Optional.empty();
        }
        Map<String, Double> target = targets();
        double far = 0;
        for (Slot s : slots) {
            far = Math.max(far, Math.abs(target.get(s.botId()) - weights.get(s.botId())));
        }
        if (far < DEAD_BAND_POINTS) {
            return Optional.empty(); // close enough: no churn for crumbs
        }
        double alpha = Math.min(1, stepPoints / far);
        Map<String, Double> before = new LinkedHashMap<>(weights);
        double total = 0;
        for (Slot s : slots) {
            double w = weights.get(s.botId());
            total += w;
            double next = w + alpha * (target.get(s.botId()) - w);
            weights.put(s.botId(), Math.min(s.capPercent(), Math.round(next * 100) / 100.0));
        }
        settleRounding(total);
        changed = true;
        sinceChange.clear();
        return Optional.of(new Change(r.time(), before, Map.copyOf(weights), reason(r, before)));
    }

    /** Rounding to 0.01 points must not make the weights drift from their total over many changes: the rest goes to the roomiest bot. */
    private void settleRounding(double total) {
        double rest = Math.round((total - weights.values().stream().mapToDouble(Double::doubleValue).sum()) * 100) / 100.0;
        if (rest == 0) {
            return;
        }
        Slot roomiest = slots.get(0);
        for (Slot s : slots) {
            if (s.capPercent() - weights.get(s.botId()) > roomiest.capPercent() - weights.get(roomiest.botId())) {
                roomiest = s;
            }
        }
        double w = weights.get(roomiest.botId());
        weights.put(roomiest.botId(), Math.round(Math.max(0, Math.min(roomiest.capPercent(), w + rest)) * 100) / 100.0);
    }

    /** Shares of the current total by score, with caps enforced by handing any excess to the uncapped. */
    private Map<String, Double> targets() {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> score = new HashMap<>();
        for (Slot s : slots) {
            RegimeReading r = latest.get(s.symbol());
            score.put(s.botId(), s.style().score(r == null ? Regime.UNKNOWN : r.regime()));
        }
        Map<String, Double> target = new HashMap<>();
        List<Slot> free = new ArrayList<>(slots);
        double left = total;
        while (!free.isEmpty()) {
            double sum = free.stream().mapToDouble(s -> score.get(s.botId())).sum();
            boolean capped = false;
            for (Slot s : List.copyOf(free)) {
                double share = left * score.get(s.botId()) / sum;
                if (share > s.capPercent()) {
                    target.put(s.botId(), s.capPercent());
                    left -= s.capPercent();
                    free.remove(s);
                    capped = true;
                }
            }
            if (!capped) {
                for (Slot s : free) {
                    target.put(s.botId(), left * score.get(s.botId()) / sum);
                }
                break;
            }
        }
        return target;
    }

    private String reason(RegimeReading r, Map<String, Double> before) {
        List<Slot> moved = new ArrayList<>(slots);
        moved.removeIf(s -> Math.abs(weights.get(s.botId()) - before.get(s.botId())) < 0.005);
        moved.sort(Comparator.comparingDouble((Slot s) -> weights.get(s.botId()) - before.get(s.botId())).reversed());
        StringBuilder b = new StringBuilder();
        b.append(r.symbol()).append(' ').append(r.regime().words()).append(" for ").append(duration(r.time() - r.since()))
                .append(", volatility in ").append(RegimeReading.ordinal((int) Math.round(r.volatilityPercentile()))).append(" percentile: ");
        for (int i = 0; i < moved.size(); i++) {
            Slot s = moved.get(i);
            b.append(i == 0 ? "" : ", ").append(s.label()).append(' ').append(pct(before.get(s.botId()))).append(" → ")
                    .append(pct(weights.get(s.botId())));
        }
        return b.toString();
    }

    private static String pct(double v) {
        return (Math.abs(v - Math.rint(v)) < 0.005 ? String.valueOf((long) Math.rint(v)) : String.format(Locale.ROOT, "%.1f", v)) + "%";
    }

    static String duration(long ms) {
        long minutes = ms / 60_000;
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 72 ? hours + " h" : hours / 24 + " days";
    }

    /** Scores by regime for one style, for the docs and tests. */
    public static Map<Regime, Double> scores(Style style) {
        Map<Regime, Double> m = new EnumMap<>(Regime.class);
        for (Regime r : Regime.values()) {
            m.put(r, style.score(r));
        }
        return m;
    }
}
