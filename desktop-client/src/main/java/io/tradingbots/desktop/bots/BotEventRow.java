package io.tradingbots.desktop.bots;

import io.tradingbots.api.v1.BotEvent;
import io.tradingbots.desktop.support.Formats;
import java.time.ZoneId;

/** One event of a bot: signal, order, fill, error or status change. */
public record BotEventRow(String botId, String time, String kind, String text) {

    static BotEventRow of(BotEvent e, ZoneId zone) {
        return new BotEventRow(e.getBotId(), Formats.dateTime(e.getTime(), zone), Formats.enumWord(e.getKind(), "BOT_EVENT_KIND_"),
                e.getText());
    }
}
