package dev.switchboard.gateway.routing;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.PriceCap;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingStrategy;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.config.catalog.NativeRoute;
import dev.switchboard.gateway.provider.openaicompat.OpenAiFlavors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves a public model name to its route: the upstream targets in config order, each with its
 * catalog facts and its timeouts completed from the server and routing defaults. Besides the
 * configured {@code models}, every catalog model with a native route gets an implicit route
 * (named by its catalog id) to the first configured provider, in config order, of that kind and,
 * for {@code openai-compatible}, that flavor; configured routes always win, and {@code
 * routing.catalog_routes: false} turns implicit routes off.
 */
public final class ModelRouter {
  private final Map<String, ResolvedRoute> routes;
  private final Map<String, List<ResolvedTarget>> targetsByModel = new LinkedHashMap<>();
  private final Set<String> fromCatalog;
  private final ModelAliases aliases;

  private ModelRouter(
      Map<String, ResolvedRoute> routes, Set<String> fromCatalog, ModelAliases aliases) {
    this.routes = routes;
    this.fromCatalog = Set.copyOf(fromCatalog);
    this.aliases = aliases;
    routes.forEach((name, route) -> targetsByModel.put(name, route.targets()));
  }

  /**
   * Builds the route table once from validated config and the catalog, telling OpenAI-compatible
   * providers' flavors apart as the adapter does.
   */
  public static ModelRouter from(SwitchboardConfig config, ModelCatalog catalog) {
    return from(config, catalog, OpenAiFlavors::flavorOf);
  }

  /**
   * Builds the route table once from validated config and the catalog.
   *
   * @param flavorOf the OpenAI-compatible flavor a provider speaks (configured or inferred)
   */
  public static ModelRouter from(
      SwitchboardConfig config, ModelCatalog catalog, Function<ProviderConfig, String> flavorOf) {
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
    Set<String> implicit = new HashSet<>();
    if (config.routing().catalogRoutes()) {
      for (ModelInfo model : catalog.all()) {
        if (table.containsKey(model.id())) {
          continue;
        }
        catalogTarget(config.providers(), model, flavorOf)
            .ifPresent(
                served -> {
                  ResolvedTarget target =
                      new ResolvedTarget(
                          model.id(), served.provider(), served.model(), Optional.of(model), 1, 0,
                          PriceCap.none(), defaults);
                  table.put(
                      model.id(),
                      new ResolvedRoute(model.id(), RoutingStrategy.FALLBACK, List.of(target)));
                  implicit.add(model.id());
                });
      }
    }
    return new ModelRouter(table, implicit, ModelAliases.of(table, catalog));
  }

  /** Names a configured provider and the id it knows a catalog model by. */
  private record CatalogServed(ProviderConfig provider, String model) {}

  /**
   * Finds who serves a catalog model without a configured route: its first-party API when a
   * provider of that kind is configured (as before clouds were known), else the first bedrock or
   * vertex provider, in config order, for which the catalog lists the model's id.
   */
  private static Optional<CatalogServed> catalogTarget(
      List<ProviderConfig> providers, ModelInfo model, Function<ProviderConfig, String> flavorOf) {
    NativeRoute nativeRoute = model.nativeRoute();
    if (nativeRoute != null) {
      Optional<ProviderConfig> first = nativeProvider(providers, nativeRoute, flavorOf);
      if (first.isPresent()) {
        return Optional.of(new CatalogServed(first.get(), nativeRoute.model()));
      }
    }
    return providers.stream()
        .filter(p -> model.cloudIds().containsKey(p.kind()))
        .findFirst()
        .map(p -> new CatalogServed(p, model.cloudIds().get(p.kind())));
  }

  /**
   * Finds the first provider, in config order, that serves a native route. OpenAI's own API must
   * be a kind {@code openai} provider that is not Azure (Azure names deployments, not models).
   */
  private static Optional<ProviderConfig> nativeProvider(
      List<ProviderConfig> providers,
      NativeRoute nativeRoute,
      Function<ProviderConfig, String> flavorOf) {
    return providers.stream()
        .filter(p -> p.kind() == nativeRoute.kind())
        .filter(
            p ->
                switch (p.kind()) {
                  case OPENAI -> "openai".equals(flavorOf.apply(p));
                  case OPENAI_COMPATIBLE -> nativeRoute.flavor().equals(flavorOf.apply(p));
                  case ANTHROPIC, GEMINI, BEDROCK, VERTEX -> true;
                })
        .findFirst();
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

  /**
   * Returns the route of {@code model}, if one is configured: by its public name, else by the
   * provider's own id that agents send by default ({@code claude-sonnet-4-5-20250929}, {@code
   * gpt-5-codex}), see {@link ModelAliases}.
   */
  public Optional<ResolvedRoute> route(String model) {
    ResolvedRoute route = routes.get(model);
    if (route == null && model != null) {
      route = aliases.publicName(model).map(routes::get).orElse(null);
    }
    return Optional.ofNullable(route);
  }

  /** Returns the targets that can serve {@code model}, in config order; empty when none is configured. */
  public List<ResolvedTarget> targetsFor(String model) {
    return route(model).map(ResolvedRoute::targets).orElse(List.of());
  }

  /** Returns the first target for {@code model}, if any. */
  public Optional<ResolvedTarget> primaryTarget(String model) {
    return targetsFor(model).stream().findFirst();
  }

  /** Tells whether {@code model}'s route comes from the catalog rather than the config. */
  public boolean isCatalogRoute(String model) {
    return fromCatalog.contains(model);
  }

  /** Returns every public model name with its targets: configured ones in config order, then catalog ones in catalog order. */
  public Collection<Map.Entry<String, List<ResolvedTarget>>> routes() {
    return targetsByModel.entrySet();
  }
}
