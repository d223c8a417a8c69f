package dev.switchboard.gateway.routing;

import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.catalog.ModelInfo;
import java.util.Optional;

/**
 * Names one concrete place to send a request: the provider account, the model name it expects,
 * and the catalog facts for pricing and telemetry.
 *
 * @param publicModel the model name the client asked for
 * @param upstreamModel the model name sent to the provider
 * @param catalogEntry the catalog facts, absent for models the catalog does not know
 */
public record ResolvedTarget(
    String publicModel,
    ProviderConfig provider,
    String upstreamModel,
    Optional<ModelInfo> catalogEntry) {}
