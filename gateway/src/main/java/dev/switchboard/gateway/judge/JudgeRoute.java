package dev.switchboard.gateway.judge;

import dev.switchboard.config.JudgeConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.routing.ResolvedRoute;
import dev.switchboard.gateway.routing.ResolvedTarget;

/**
 * Finds the route the judge calls: {@code classifier.judge.model} must be a model this gateway
 * routes (configured or catalog), checked when the gateway starts; with {@code key} set, every
 * target of the route sends the judge's own upstream key instead of its provider's.
 */
final class JudgeRoute {

  private JudgeRoute() {}

  /**
   * Returns the judge's route.
   *
   * @throws IllegalArgumentException naming the setting when the model is not routed
   */
  static ResolvedRoute of(JudgeConfig config, ModelRouter router) {
    ResolvedRoute route = router.route(config.model()).orElseThrow(() -> new IllegalArgumentException(
        "classifier.judge.model: '" + config.model() + "' is not a model this gateway routes; name a route of"
            + " models: or a catalog model a configured provider serves (GET /v1/models lists them)"));
    if (!config.key().isPresent()) {
      return route;
    }
    return new ResolvedRoute(route.name(), route.strategy(), route.targets().stream().map(t -> rekeyed(t, config)).toList());
  }

  private static ResolvedTarget rekeyed(ResolvedTarget target, JudgeConfig config) {
    ProviderConfig p = target.provider();
    ProviderConfig own = new ProviderConfig(p.id(), p.kind(), p.baseUrl(), config.key(), p.headers(), p.flavor(),
        p.collectsData(), p.cloud());
    return new ResolvedTarget(target.publicModel(), own, target.upstreamModel(), target.catalogEntry(),
        target.weight(), target.priority(), target.maxPrice(), target.timeouts());
  }
}
