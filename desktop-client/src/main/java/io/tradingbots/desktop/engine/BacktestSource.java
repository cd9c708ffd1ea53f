package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.BacktestProgress;
import io.tradingbots.api.v1.BacktestResult;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.RunBacktestRequest;
import io.tradingbots.api.v1.RunWalkForwardRequest;
import io.tradingbots.api.v1.StrategyInfo;
import io.tradingbots.api.v1.WalkForwardResult;
import java.util.List;

/** What the Backtests view needs of the engine: the real {@link BacktestClient}, or a stand-in. */
public interface BacktestSource {

    List<StrategyInfo> strategies() throws EngineException;

    /** Stored results, newest first. */
    List<BacktestSummary> stored() throws EngineException;

    BacktestResult stored(String id) throws EngineException;

    /** Starts a run; closing the subscription cancels it in the engine. */
    StateSource.Subscription run(RunBacktestRequest request, RunListener listener);

    /** Starts a walk-forward validation (nothing is stored); closing the subscription cancels it in the engine. */
    StateSource.Subscription walkForward(RunWalkForwardRequest request, WalkForwardListener listener);

    /** Receives one walk-forward's events on gRPC threads; implementations hand over to the UI thread. */
    interface WalkForwardListener {
        void onProgress(BacktestProgress progress);

        void onResult(WalkForwardResult result);

        /** The run failed or was refused; {@code message} says why in the engine's words. */
        void onFailure(String message);
    }

    /** Receives one run's events on gRPC threads; implementations hand over to the UI thread. */
    interface RunListener {
        void onProgress(BacktestProgress progress);

        void onResult(BacktestResult result);

        /** The run failed or was refused; {@code message} says why in the engine's words. */
        void onFailure(String message);
    }
}
