package io.tradingbots.desktop.risk;

import io.tradingbots.api.v1.LimitChange;
import io.tradingbots.desktop.support.Formats;
import java.time.ZoneId;

/** One audited limit change: when, who, which limit, from what to what. */
public record LimitChangeRow(String time, String by, String limit, String change) {

    static LimitChangeRow of(LimitChange c, ZoneId zone) {
        return new LimitChangeRow(Formats.dateTime(c.getTime(), zone), c.getChangedBy(), c.getLimit().replace('_', ' '),
                c.getOldValue() + " → " + c.getNewValue());
    }
}
