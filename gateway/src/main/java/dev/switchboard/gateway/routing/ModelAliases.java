package dev.switchboard.gateway.routing;

import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.config.catalog.NativeRoute;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps the model ids agents and SDKs send by default to public route names: a provider's own id
 * ({@code claude-sonnet-4-5} → {@code anthropic/claude-sonnet-4.5}), its dated snapshots ({@code
 * claude-sonnet-4-5-20250929}, {@code gpt-4o-2024-08-06}), its {@code -latest} / {@code -0}
 * spellings, and a configured target's upstream model. Config routes win over catalog ids.
 */
final class ModelAliases {
  // -20250929 (Anthropic) or -2024-08-06 (OpenAI) at the end of an id
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2})$");
  private static final Pattern ALIAS_SUFFIX = Pattern.compile("-(latest|0)$");

  private final Map<String, String> byId;

  private ModelAliases(Map<String, String> byId) {
    this.byId = byId;
  }

  /** Builds the aliases of the routes in {@code table}. */
  static ModelAliases of(Map<String, ResolvedRoute> table, ModelCatalog catalog) {
    Map<String, String> byId = new HashMap<>();
    // configured targets first: a team that routes "claude-sonnet-4-5" its own way wants that
    table.forEach(
        (name, route) -> {
          for (ResolvedTarget target : route.targets()) {
            putAll(byId, target.upstreamModel(), name);
          }
        });
    for (ModelInfo model : catalog.all()) {
      NativeRoute nativeRoute = model.nativeRoute();
      if (nativeRoute != null && table.containsKey(model.id())) {
        putAll(byId, nativeRoute.model(), model.id());
      }
      if (table.containsKey(model.id())) {
        // "anthropic/claude-sonnet-4.5" is also reachable as "claude-sonnet-4.5"
        String bare = model.id().substring(model.id().indexOf('/') + 1);
        putAll(byId, bare, model.id());
      }
    }
    return new ModelAliases(Map.copyOf(byId));
  }

  /** Returns the public name {@code requested} stands for, if it is an alias of one. */
  Optional<String> publicName(String requested) {
    String id = requested.trim().toLowerCase(Locale.ROOT);
    String found = byId.get(id);
    if (found == null) {
      found = byId.get(normalize(id));
    }
    if (found == null && id.indexOf('/') > 0) {
      // "anthropic/claude-sonnet-4-5": a provider prefix on a provider id
      found = byId.get(normalize(id.substring(id.indexOf('/') + 1)));
    }
    return Optional.ofNullable(found);
  }

  private static void putAll(Map<String, String> byId, String upstreamId, String publicName) {
    if (upstreamId == null || upstreamId.isBlank()) {
      return;
    }
    String id = upstreamId.toLowerCase(Locale.ROOT);
    byId.putIfAbsent(id, publicName);
    byId.putIfAbsent(normalize(id), publicName);
  }

  /** Drops a snapshot date and a trailing {@code -latest} or {@code -0}. */
  private static String normalize(String id) {
    String undated = DATE_SUFFIX.matcher(id).replaceFirst("");
    return ALIAS_SUFFIX.matcher(undated).replaceFirst("");
  }
}
