package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.BotEvent;
import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.api.v1.ListBotsResponse;
import java.io.IOException;
import java.io.Writer;

/** What the Bots view needs of the engine: the real {@link BotClient}, or a stand-in. */
public interface BotSource {

    /** Every bot of the plan; an engine without the BotService fails with {@link EngineErrors#isUnimplemented}. */
    ListBotsResponse list() throws EngineException;

    Bot start(String id, String reason) throws EngineException;

    Bot stop(String id, boolean flatten) throws EngineException;

    Bot pause(String id) throws EngineException;

    /** A refusal (shares above 100%, not enough free cash) carries the engine's message. */
    Bot setAllocation(String id, String percent) throws EngineException;

    /** The bot's latest orders from the engine's journal, newest first, as ORDER events (empty from an engine that has none). */
    java.util.List<BotEvent> recentOrders(String id) throws EngineException;

    /** Every bot's events as they happen, until the subscription is closed. */
    StateSource.Subscription watchEvents(StreamListener<BotEvent> listener);

    /** Writes the bot's CSV to {@code out} as the engine streams it; returns the data rows written. */
    long export(String id, ExportKind kind, Writer out) throws EngineException, IOException;
}
