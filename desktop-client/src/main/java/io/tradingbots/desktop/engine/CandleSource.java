package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.api.v1.SeriesInventory;
import java.util.List;
import java.util.function.Consumer;

/** What the Charts view needs of the engine: the real {@link HistoryClient}, or a stand-in. */
public interface CandleSource {

    List<SeriesInventory> inventory() throws EngineException;

    /** Streams the asked candles to {@code sink} chunk by chunk, on the calling thread; blocks until the end. */
    void candles(GetCandlesRequest request, Consumer<CandleChunk> sink) throws EngineException;
}
