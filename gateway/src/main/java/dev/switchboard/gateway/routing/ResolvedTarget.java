package dev.switchboard.gateway.routing;

import dev.switchboard.config.PriceCap;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.config.catalog.ModelPrices;
import java.util.Optional;

/**
 * Names one concrete place to send a request: the provider account, the model name it expects,
 * the catalog facts for pricing and telemetry, and how routing treats it.
 *
 * @param publicModel the model name the client asked for
 * @param upstreamModel the model name sent to the provider
 * @param catalogEntry the catalog facts, absent for models the catalog does not know
 * @param weight share of traffic under the weighted strategy
 * @param priority rank under the fallback strategy, lower first
 * @param maxPrice the target is skipped when its catalog price is above this cap
 * @param timeouts per-phase limits for attempts; null limits fall back to the server defaults
 */
public record ResolvedTarget(
    String publicModel,
    ProviderConfig provider,
    String upstreamModel,
    Optional<ModelInfo> catalogEntry,
    int weight,
    int priority,
    PriceCap maxPrice,
    TargetTimeouts timeouts) {

  public ResolvedTarget {
    maxPrice = maxPrice == null ? PriceCap.none() : maxPrice;
    timeouts = timeouts == null ? TargetTimeouts.inherit() : timeouts;
  }

  /** Returns a target of weight 1 and priority 0, uncapped, with the server's timeouts. */
  public ResolvedTarget(
      String publicModel,
      ProviderConfig provider,
      String upstreamModel,
      Optional<ModelInfo> catalogEntry) {
    this(publicModel, provider, upstreamModel, catalogEntry, 1, 0, PriceCap.none(), TargetTimeouts.inherit());
  }

  /** Returns the deployment this target sends to. */
  public TargetKey key() {
    return new TargetKey(provider.id(), upstreamModel);
  }

  /** Returns the catalog prices, all unknown when the model is not in the catalog. */
  public ModelPrices prices() {
    return catalogEntry.map(ModelInfo::prices).orElse(ModelPrices.unknown());
  }
}
