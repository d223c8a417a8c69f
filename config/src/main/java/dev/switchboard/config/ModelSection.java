package dev.switchboard.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps the {@code models} list onto {@link ModelRoute}s, checking targets name known providers. */
final class ModelSection {
  private static final String ALLOWED_STRATEGIES =
      Arrays.stream(RoutingStrategy.values())
          .map(RoutingStrategy::configName)
          .collect(Collectors.joining(", "));

  private ModelSection() {}

  /** Reads every route, reporting all problems. */
  static List<ModelRoute> read(List<YamlNodeReader> entries, Set<String> providerIds) {
    List<ModelRoute> routes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNodeReader entry : entries) {
      entry.rejectUnknownKeys("name", "targets", "strategy");
      Optional<String> name = entry.requiredString("name");
      if (name.isPresent() && !names.add(name.get())) {
        entry.problem("name", "duplicate name '" + name.get() + "'");
        name = Optional.empty();
      }
      RoutingStrategy strategy =
          entry.nonBlankString("strategy").flatMap(s -> strategy(entry, s)).orElse(RoutingStrategy.FALLBACK);
      List<RouteTarget> targets = targets(entry, providerIds);
      if (name.isPresent() && !targets.isEmpty()) {
        routes.add(new ModelRoute(name.get(), targets, strategy));
      }
    }
    return routes;
  }

  private static Optional<RoutingStrategy> strategy(YamlNodeReader route, String name) {
    Optional<RoutingStrategy> strategy = RoutingStrategy.fromConfigName(name);
    if (strategy.isEmpty()) {
      route.problem(
          "strategy", "unknown strategy '" + name + "' (allowed: " + ALLOWED_STRATEGIES + ")");
    }
    return strategy;
  }

  private static List<RouteTarget> targets(YamlNodeReader route, Set<String> providerIds) {
    if (route.isEmptyList("targets")) {
      route.problem("targets", "at least one target required");
      return List.of();
    }
    List<YamlNodeReader> entries = route.mappings("targets");
    List<RouteTarget> targets = new ArrayList<>();
    for (YamlNodeReader entry : entries) {
      entry.rejectUnknownKeys(
          "provider", "model", "catalog_id", "weight", "priority", "max_price", "timeouts");
      Optional<String> provider = entry.requiredString("provider");
      if (provider.isPresent() && !providerIds.contains(provider.get())) {
        entry.problem("provider", "unknown provider '" + provider.get() + "'");
        provider = Optional.empty();
      }
      Optional<String> model = entry.requiredString("model");
      Optional<String> catalogId = entry.nonBlankString("catalog_id");
      int weight = (int) entry.positive("weight", 1_000_000, RouteTarget.DEFAULT_WEIGHT);
      Integer priority =
          entry.has("priority") ? (int) entry.integer("priority", -1_000_000, 1_000_000, 0) : null;
      PriceCap maxPrice = priceCap(entry.mapping("max_price"));
      TargetTimeouts timeouts = RoutingSection.timeouts(entry.mapping("timeouts"));
      if (provider.isPresent() && model.isPresent()) {
        targets.add(
            new RouteTarget(
                provider.get(), model.get(), catalogId.orElse(null), weight, priority, maxPrice,
                timeouts));
      }
    }
    return targets;
  }

  private static PriceCap priceCap(Optional<YamlNodeReader> section) {
    if (section.isEmpty()) {
      return PriceCap.none();
    }
    YamlNodeReader cap = section.get();
    cap.rejectUnknownKeys("prompt", "completion");
    return new PriceCap(
        cap.nonNegativeNumber("prompt").orElse(null),
        cap.nonNegativeNumber("completion").orElse(null));
  }
}
