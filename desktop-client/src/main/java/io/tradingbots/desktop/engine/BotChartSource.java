package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.GetBotChartRequest;
import io.tradingbots.api.v1.GetBotChartResponse;
import io.tradingbots.api.v1.ListBotsResponse;

/** What the Charts view needs to chart a bot: the real {@link BotClient}, or a stand-in. */
public interface BotChartSource {

    /** Every bot of the plan. */
    ListBotsResponse list() throws EngineException;

    /** The bot's candles, indicator lines and fills over the asked range. */
    GetBotChartResponse chart(GetBotChartRequest request) throws EngineException;
}
