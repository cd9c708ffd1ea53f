package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.WatchStateResponse;

/** Receives the state stream; called on gRPC threads, so implementations hand over to the UI thread. */
public interface StateListener {

    void onStatus(ConnectionStatus status);

    void onState(WatchStateResponse message);

    /** The engine's facts again after a reconnect: the engine may have been restarted or upgraded meanwhile. */
    default void onInfo(GetInfoResponse info) {
    }
}
