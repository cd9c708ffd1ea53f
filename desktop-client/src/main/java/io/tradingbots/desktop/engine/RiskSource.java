package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.GetLimitsResponse;
import io.tradingbots.api.v1.RiskLimits;
import io.tradingbots.api.v1.RiskState;
import io.tradingbots.api.v1.SetLimitsResponse;

/** What the Risk view needs of the engine: the real {@link RiskClient}, or a stand-in. */
public interface RiskSource {

    /** Streams the risk picture about once a second until the subscription is closed. */
    StateSource.Subscription watchRisk(StreamListener<RiskState> listener);

    /** The kill switch; a refusal carries the engine's message. */
    RiskState halt(String reason, String requestedBy, boolean flatten) throws EngineException;

    RiskState resume(String reason, String requestedBy) throws EngineException;

    GetLimitsResponse limits() throws EngineException;

    /** Replaces every limit; raising one while halted is refused by the engine. */
    SetLimitsResponse setLimits(RiskLimits limits, String requestedBy) throws EngineException;
}
