package io.tradingbots.desktop.dashboard;

import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.desktop.engine.ConnectionStatus;

/** What the state stream reports, queued in arrival order for the UI thread. */
sealed interface StateEvent {

    record StatusChanged(ConnectionStatus status) implements StateEvent {}

    record StateReceived(WatchStateResponse message) implements StateEvent {}

    record InfoReceived(GetInfoResponse info) implements StateEvent {}
}
