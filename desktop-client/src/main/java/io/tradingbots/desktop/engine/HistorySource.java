package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.FetchProgress;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.StartFetchRequest;
import java.util.List;

/** What the History view needs of the engine: the real {@link HistoryClient}, or a stand-in. */
public interface HistorySource {

    List<SeriesInventory> inventory() throws EngineException;

    /** Returns the new job's id; a refusal carries the engine's message. */
    String startFetch(StartFetchRequest request) throws EngineException;

    void cancelFetch(String jobId) throws EngineException;

    /** Follows one job until it ends, reconnecting over broken streams, or until closed. */
    StateSource.Subscription watchFetch(String jobId, FetchListener listener);

    /** Receives a job's progress on gRPC threads; implementations hand over to the UI thread. */
    interface FetchListener {
        void onProgress(FetchProgress progress);

        /** The stream broke and will be retried; {@code reason} says why, for the job's row. */
        void onInterrupted(String reason);
    }
}
