package io.tradingbots.engine.bot;

import io.tradingbots.engine.agent.AgentSettings;
import io.tradingbots.engine.agent.AllocationPolicy;
import io.tradingbots.engine.agent.RegimeReading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocation agent in the runtime: the {@link AllocationPolicy} built from the plan and the
 * operator's {@link AgentSettings}, and how its changes become allocations. Shares are taken back
 * first (each at most what the bot holds in free cash, in points of the capital), then what was
 * freed is handed to the bots the policy moves toward, in proportion; each step goes through the
 * runner's validated allocation path, and the policy is told what was really applied. Called on
 * the runner's lock.
 */
final class AllocationAgent {

    private static final Logger log = LoggerFactory.getLogger(AllocationAgent.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** What the agent needs from the runtime. */
    interface Bots {
        BotPlan plan();

        BigDecimal freeCash(BotSpec bot);

        /** The runner's validated allocation path; throws when the change is refused. */
        void allocate(String botId, BigDecimal percent, String why);
    }

    private final AllocationPolicy policy;
    private final Bots bots;

    private AllocationAgent(AllocationPolicy policy, Bots bots) {
        this.policy = policy;
        this.bots = bots;
    }

    /** The agent over the plan's running bots, or null when it is off or has no bot to move. */
    static AllocationAgent of(AgentSettings settings, Set<String> idle, BooleanSupplier riskRestricting, Bots bots) {
        if (!settings.enabled()) {
            return null;
        }
        List<AllocationPolicy.Slot> slots = new ArrayList<>();
        for (BotSpec s : bots.plan().bots()) {
            if (idle.contains(s.id())) {
                continue;
            }
            double cap = settings.capOf(s.id());
            double share = s.sharePercent().doubleValue();
            if (share > cap) {
                throw new IllegalArgumentException("agent: bot " + s.id() + " has " + BotRunner.plain(s.sharePercent()) + "%, above its cap of "
                        + cap + "%: raise the cap or lower the share");
            }
            slots.add(new AllocationPolicy.Slot(s.id(), s.id(), AgentSettings.style(s.strategy()), s.symbol(), cap, share));
        }
        return slots.isEmpty() ? null
                : new AllocationAgent(new AllocationPolicy(slots, settings.stepPoints(), settings.minCandles(), riskRestricting), bots);
    }

    /** A regime reading: the policy's change, if any, applied as far as free cash allows. */
    void onReading(RegimeReading reading) {
        policy.onReading(reading).ifPresent(this::apply);
    }

    private void apply(AllocationPolicy.Change c) {
        String why = c.reason();
        int colon = why.indexOf(": ");
        String context = "agent: " + (colon < 0 ? why : why.substring(0, colon));
        BotPlan plan = bots.plan();
        Map<String, BigDecimal> applied = new LinkedHashMap<>();
        BigDecimal freed = BigDecimal.ZERO;
        BigDecimal wanted = BigDecimal.ZERO;
        Map<String, BigDecimal> ups = new LinkedHashMap<>();
        for (var e : c.after().entrySet()) {
            BotSpec s = plan.bot(e.getKey());
            BigDecimal diff = BigDecimal.valueOf(e.getValue()).setScale(2, RoundingMode.HALF_EVEN).subtract(s.sharePercent());
            if (diff.signum() > 0) {
                ups.put(s.id(), diff);
                wanted = wanted.add(diff);
            } else if (diff.signum() < 0) {
                BigDecimal freePoints = bots.freeCash(s).multiply(HUNDRED).divide(plan.capital(), 2, RoundingMode.DOWN);
                BigDecimal take = diff.negate().min(freePoints);
                if (take.signum() > 0 && tryAllocate(s, s.sharePercent().subtract(take), context, applied)) {
                    freed = freed.add(take);
                }
            }
        }
        if (freed.signum() > 0 && wanted.signum() > 0) {
            BigDecimal scale = freed.min(wanted).divide(wanted, 8, RoundingMode.DOWN);
            for (var e : ups.entrySet()) {
                BotSpec s = bots.plan().bot(e.getKey());
                BigDecimal next = s.sharePercent().add(e.getValue().multiply(scale).setScale(2, RoundingMode.DOWN));
                if (next.compareTo(s.sharePercent()) != 0) {
                    tryAllocate(s, next, context, applied);
                }
            }
        }
        Map<String, Double> actual = new HashMap<>();
        bots.plan().bots().forEach(s -> actual.put(s.id(), s.sharePercent().doubleValue()));
        policy.resync(actual);
        if (!applied.isEmpty()) {
            log.info("agent: {} ({})", why, applied.size() == c.after().size() ? "applied" : "applied as far as free cash allowed");
        }
    }

    private boolean tryAllocate(BotSpec s, BigDecimal next, String why, Map<String, BigDecimal> applied) {
        try {
            bots.allocate(s.id(), next, why);
            applied.put(s.id(), next);
            return true;
        } catch (RuntimeException refused) {
            log.info("agent: bot {} keeps {}%: {}", s.id(), BotRunner.plain(s.sharePercent()), refused.getMessage());
            return false;
        }
    }
}
