package io.tradingbots.desktop.engine;

import io.tradingbots.api.v1.GetDeploymentResponse;
import io.tradingbots.api.v1.RollbackResponse;

/** What the Deployment view needs of the engine: the real {@link DeploymentClient}, or a stand-in. */
public interface DeploymentSource {

    GetDeploymentResponse deployment() throws EngineException;

    /** Queues a switch to an installed release; a refusal carries the engine's message. */
    RollbackResponse rollback(String version, String requestedBy) throws EngineException;
}
