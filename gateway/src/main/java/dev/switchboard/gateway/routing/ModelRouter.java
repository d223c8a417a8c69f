package dev.switchboard.gateway.routing;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.config.catalog.ModelCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves a public model name to its route: the upstream targets in config order, each with its
 * catalog facts and its timeouts completed from the server and routing defaults.
 */
public final class ModelRouter {
  private final Map<String, ResolvedRoute> routes;
  private final Map<String, List<ResolvedTarget>> targetsByModel = new LinkedHashMap<>();

  private ModelRouter(Map<String, ResolvedRoute> routes) {
    this.routes = routes;
    routes.forEach((name, route) -> targetsByModel.put(name, route.targets()));
  }

  /** Builds the route table once from validated config and the catalog. */
  public static ModelRouter from(SwitchboardConfig config, ModelCatalog catalog) {
    Map<String, ProviderConfig> providers =
        config.providers().stream()
            .collect(Collectors.toMap(ProviderConfig::id, Function.identity()));
    TargetTimeouts defaults =
        new TargetTimeouts(
            config.server().upstreamConnectTimeout(),
            config.server().upstreamTimeout(),
            config.routing().idleTimeout(),
            config.routing().totalTimeout());
    Map<String, ResolvedRoute> table = new LinkedHashMap<>();
    for (ModelRoute route : config.models()) {
      List<ResolvedTarget> targets = new ArrayList<>();
      for (int i = 0; i < route.targets().size(); i++) {
        RouteTarget target = route.targets().get(i);
        targets.add(resolve(route, i, target, providers.get(target.provider()), catalog, defaults));
      }
      table.put(route.name(), new ResolvedRoute(route.name(), route.strategy(), targets));
    }
    return new ModelRouter(table);
  }

  private static ResolvedTarget resolve(
      ModelRoute route,
      int position,
      RouteTarget target,
      ProviderConfig provider,
      ModelCatalog catalog,
      TargetTimeouts defaults) {
    return new ResolvedTarget(
        route.name(),
        provider,
        target.model(),
        catalog.resolve(route.name(), target),
        target.weight(),
        target.priority() != null ? target.priority() : position,
        target.maxPrice(),
        target.timeouts().orElse(defaults));
  }

  /** Returns the route of {@code model}, if one is configured. */
  public Optional<ResolvedRoute> route(String model) {
    return Optional.ofNullable(routes.get(model));
  }

  /** Returns the targets that can serve {@code model}, in config order; empty when none is configured. */
  public List<ResolvedTarget> targetsFor(String model) {
    return route(model).map(ResolvedRoute::targets).orElse(List.of());
  }

  /** Returns the first target for {@code model}, if any. */
  public Optional<ResolvedTarget> primaryTarget(String model) {
    return targetsFor(model).stream().findFirst();
  }

  /** Returns every public model name with its targets, in config order. */
  public Collection<Map.Entry<String, List<ResolvedTarget>>> routes() {
    return targetsByModel.entrySet();
  }
}
