package dev.switchboard.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps the {@code models} list onto {@link ModelRoute}s, checking targets name known providers. */
final class ModelSection {
  private ModelSection() {}

  /** Reads every route, reporting all problems. */
  static List<ModelRoute> read(List<YamlNodeReader> entries, Set<String> providerIds) {
    List<ModelRoute> routes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNodeReader entry : entries) {
      entry.rejectUnknownKeys("name", "targets");
      Optional<String> name = entry.requiredString("name");
      if (name.isPresent() && !names.add(name.get())) {
        entry.problem("name", "duplicate name '" + name.get() + "'");
        name = Optional.empty();
      }
      List<RouteTarget> targets = targets(entry, providerIds);
      if (name.isPresent() && !targets.isEmpty()) {
        routes.add(new ModelRoute(name.get(), targets));
      }
    }
    return routes;
  }

  private static List<RouteTarget> targets(YamlNodeReader route, Set<String> providerIds) {
    if (route.isEmptyList("targets")) {
      route.problem("targets", "at least one target required");
      return List.of();
    }
    List<YamlNodeReader> entries = route.mappings("targets");
    List<RouteTarget> targets = new ArrayList<>();
    for (YamlNodeReader entry : entries) {
      entry.rejectUnknownKeys("provider", "model", "catalog_id");
      Optional<String> provider = entry.requiredString("provider");
      if (provider.isPresent() && !providerIds.contains(provider.get())) {
        entry.problem("provider", "unknown provider '" + provider.get() + "'");
        provider = Optional.empty();
      }
      Optional<String> model = entry.requiredString("model");
      Optional<String> catalogId = entry.nonBlankString("catalog_id");
      if (provider.isPresent() && model.isPresent()) {
        targets.add(new RouteTarget(provider.get(), model.get(), catalogId.orElse(null)));
      }
    }
    return targets;
  }
}
