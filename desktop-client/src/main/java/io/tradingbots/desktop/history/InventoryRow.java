package io.tradingbots.desktop.history;

import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.TimeRange;
import io.tradingbots.desktop.support.Formats;
import java.time.Duration;
import java.util.List;

/** One stored candle series as the inventory table shows it; times are UTC. */
public record InventoryRow(String exchange, String symbol, String timeframe, String first, String last,
                           String count, String knownGaps, String missing, String storage) {

    public static InventoryRow of(SeriesInventory s) {
        return new InventoryRow(s.getExchange(), s.getSymbol(), s.getTimeframe(),
                Formats.utcMinute(s.getFirstOpenTime()), Formats.utcMinute(s.getLastOpenTime()),
                Formats.count(s.getCount()), ranges(s.getKnownGapsList()), ranges(s.getMissingList()),
                Formats.bytes(s.getStorageBytes()));
    }

    /** "none", or how many ranges and the time they span: "2 (3h 00m)". */
    static String ranges(List<TimeRange> ranges) {
        if (ranges.isEmpty()) {
            return "none";
        }
        long millis = ranges.stream().mapToLong(r -> Math.max(0, r.getToTime() - r.getFromTime())).sum();
        return ranges.size() + " (" + Formats.duration(Duration.ofMillis(millis)) + ")";
    }
}
