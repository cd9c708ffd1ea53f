package io.tradingbots.engine.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the risk manager keeps what must survive a restart: the limits (and who changed them),
 * the halt, each UTC day's starting equity (so a restart cannot reset the day's loss budget) and
 * each bot's highest equity (so it cannot reset a bot's drawdown).
 * {@link DbRiskStore} is the engine's; {@link #inMemory()} serves simulations and benchmarks.
 */
public interface RiskStore {

    Optional<RiskLimits> loadLimits();

    /** Stores the new limits and one audit row per changed limit. */
    void saveLimits(RiskLimits limits, List<LimitChange> changes);

    List<LimitChange> limitChanges(int newestFirstMax);

    Optional<HaltState> loadHalt();

    /** Stores the halt (null: not halted) and the event that changed it. */
    void saveHalt(HaltState halt, RiskEvent event);

    List<RiskEvent> events(int newestFirstMax);

    /** The starting equity of a UTC day and whether the daily loss limit was reached on it. */
    record Day(LocalDate day, BigDecimal startEquity, boolean limitReached) {}

    Optional<Day> loadDay(LocalDate day);

    void saveDay(Day day);

    /** Each bot's highest equity, as last saved. */
    Map<String, BigDecimal> loadBotPeaks();

    void saveBotPeak(String botId, BigDecimal peak, long at);

    /** A store that forgets everything when the process ends. */
    static RiskStore inMemory() {
        return new RiskStore() {
            private RiskLimits limits;
            private HaltState halt;
            private final List<LimitChange> changes = new ArrayList<>();
            private final List<RiskEvent> events = new ArrayList<>();
            private final Map<LocalDate, Day> days = new HashMap<>();
            private final Map<String, BigDecimal> peaks = new HashMap<>();

            @Override
            public synchronized Optional<RiskLimits> loadLimits() {
                return Optional.ofNullable(limits);
            }

            @Override
            public synchronized void saveLimits(RiskLimits l, List<LimitChange> c) {
                limits = l;
                changes.addAll(c);
            }

            @Override
            public synchronized List<LimitChange> limitChanges(int max) {
                return newestFirst(changes, max);
            }

            @Override
            public synchronized Optional<HaltState> loadHalt() {
                return Optional.ofNullable(halt);
            }

            @Override
            public synchronized void saveHalt(HaltState h, RiskEvent e) {
                halt = h;
                events.add(e);
            }

            @Override
            public synchronized List<RiskEvent> events(int max) {
                return newestFirst(events, max);
            }

            @Override
            public synchronized Optional<Day> loadDay(LocalDate d) {
                return Optional.ofNullable(days.get(d));
            }

            @Override
            public synchronized void saveDay(Day d) {
                days.put(d.day(), d);
            }

            @Override
            public synchronized Map<String, BigDecimal> loadBotPeaks() {
                return Map.copyOf(peaks);
            }

            @Override
            public synchronized void saveBotPeak(String botId, BigDecimal peak, long at) {
                peaks.put(botId, peak);
            }

            private static <T> List<T> newestFirst(List<T> all, int max) {
                List<T> out = new ArrayList<>();
                for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
                    out.add(all.get(i));
                }
                return out;
            }
        };
    }
}
