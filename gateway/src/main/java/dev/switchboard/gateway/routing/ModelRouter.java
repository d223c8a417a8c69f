package dev.switchboard.gateway.routing;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Resolves a public model name to its upstream targets, in the order the config lists them. */
public final class ModelRouter {
  private final Map<String, List<ResolvedTarget>> targetsByModel;

  private ModelRouter(Map<String, List<ResolvedTarget>> targetsByModel) {
    this.targetsByModel = targetsByModel;
  }

  /** Builds the route table once from validated config and the catalog. */
  public static ModelRouter from(SwitchboardConfig config, ModelCatalog catalog) {
    Map<String, ProviderConfig> providers =
        config.providers().stream()
            .collect(Collectors.toMap(ProviderConfig::id, Function.identity()));
    Map<String, List<ResolvedTarget>> table = new LinkedHashMap<>();
    for (ModelRoute route : config.models()) {
      List<ResolvedTarget> targets =
          route.targets().stream()
              .map(target -> resolve(route, target, providers.get(target.provider()), catalog))
              .toList();
      table.put(route.name(), targets);
    }
    return new ModelRouter(table);
  }

  private static ResolvedTarget resolve(
      ModelRoute route, RouteTarget target, ProviderConfig provider, ModelCatalog catalog) {
    return new ResolvedTarget(
        route.name(), provider, target.model(), catalog.resolve(route.name(), target));
  }

  /** Returns the targets that can serve {@code model}, best first; empty when none is configured. */
  public List<ResolvedTarget> targetsFor(String model) {
    return targetsByModel.getOrDefault(model, List.of());
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
