package io.tradingbots.engine.history;

import java.util.ArrayList;
import java.util.List;

/**
 * What is stored for one series: first and last candle, count, holes the exchange confirmed
 * (known gaps: inside a range it answered for) and holes nobody has asked about yet (missing).
 */
public record Inventory(SeriesKey key, long count, long firstOpen, long lastOpen, List<TimeRange> knownGaps,
                        List<TimeRange> missing, List<TimeRange> coverage, long storageBytes) {

    public long knownGapCandles() {
        return knownGaps.stream().mapToLong(g -> g.length() / key.timeframe().millis()).sum();
    }

    public long missingCandles() {
        return missing.stream().mapToLong(g -> g.length() / key.timeframe().millis()).sum();
    }

    /** Splits the holes between stored open times into known gaps and missing ranges. */
    static Inventory of(SeriesKey key, long[] openTimes, List<TimeRange> coverage, long storageBytes) {
        long step = key.timeframe().millis();
        List<TimeRange> known = new ArrayList<>();
        List<TimeRange> missing = new ArrayList<>();
        for (int i = 1; i < openTimes.length; i++) {
            if (openTimes[i] - openTimes[i - 1] > step) {
                split(new TimeRange(openTimes[i - 1] + step, openTimes[i]), coverage, known, missing);
            }
        }
        long first = openTimes.length == 0 ? 0 : openTimes[0];
        long last = openTimes.length == 0 ? 0 : openTimes[openTimes.length - 1];
        return new Inventory(key, openTimes.length, first, last, known, missing, coverage, storageBytes);
    }

    /** Adds the covered parts of {@code hole} to {@code known} and the rest to {@code missing}. */
    static void split(TimeRange hole, List<TimeRange> coverage, List<TimeRange> known, List<TimeRange> missing) {
        long at = hole.from();
        for (TimeRange c : coverage) {
            if (c.to() <= at || c.from() >= hole.to()) {
                continue;
            }
            if (c.from() > at) {
                missing.add(new TimeRange(at, c.from()));
            }
            long end = Math.min(c.to(), hole.to());
            known.add(new TimeRange(Math.max(at, c.from()), end));
            at = end;
        }
        if (at < hole.to()) {
            missing.add(new TimeRange(at, hole.to()));
        }
    }
}
