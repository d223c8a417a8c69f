package dev.switchboard.config.catalog;

import dev.switchboard.config.InvalidConfigException;
import dev.switchboard.config.RouteTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up facts about models by catalog id ({@code author/model} slug, case-insensitive) and
 * resolves which entry a configured route target refers to. Immutable.
 */
public final class ModelCatalog {
  /** The classpath location of the bundled catalog. */
  public static final String DEFAULT_RESOURCE = "/catalog/models.yaml";

  private static ModelCatalog bundled;

  private final List<ModelInfo> models;
  private final Map<String, ModelInfo> byId;
  private final Map<String, List<ModelInfo>> byModelName;

  private ModelCatalog(List<ModelInfo> models) {
    this.models = List.copyOf(models);
    Map<String, ModelInfo> ids = new LinkedHashMap<>();
    Map<String, List<ModelInfo>> names = new HashMap<>();
    for (ModelInfo model : this.models) {
      if (model.id() == null) {
        throw new IllegalArgumentException("model without id: " + model);
      }
      String key = key(model.id());
      if (ids.putIfAbsent(key, model) != null) {
        throw new IllegalArgumentException("duplicate model id '" + model.id() + "'");
      }
      String name = key.substring(key.indexOf('/') + 1);
      names.computeIfAbsent(name, k -> new ArrayList<>()).add(model);
    }
    this.byId = ids;
    this.byModelName = names;
  }

  /**
   * Returns the catalog bundled with Switchboard, loading and validating it on first use.
   *
   * @throws InvalidConfigException if the bundled resource is broken (a startup error)
   */
  public static synchronized ModelCatalog loadDefault() {
    if (bundled == null) {
      bundled = parse(readResource(), DEFAULT_RESOURCE);
    }
    return bundled;
  }

  /**
   * Returns a catalog of the given models, e.g. for tests.
   *
   * @throws IllegalArgumentException if an id is missing or appears twice (ignoring case)
   */
  public static ModelCatalog of(List<ModelInfo> models) {
    return new ModelCatalog(models);
  }

  /**
   * Parses and validates catalog YAML in the bundled format ({@code models: [...]}).
   *
   * @param source what is being read, named in the exception
   * @throws InvalidConfigException listing every problem found
   */
  public static ModelCatalog parse(String yaml, String source) {
    return new ModelCatalog(CatalogFile.parse(yaml, source));
  }

  /** Finds the model with exactly this id, ignoring case. */
  public Optional<ModelInfo> find(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(key(id)));
  }

  /** Returns every model, in catalog order. */
  public List<ModelInfo> all() {
    return models;
  }

  /**
   * Resolves the model a route target serves. An explicit {@code target.catalogId()} decides alone;
   * otherwise tries the upstream model name as an id, then as the part after '/' of exactly one id
   * ({@code gpt-4o-mini} finds {@code openai/gpt-4o-mini}; a name shared by several ids finds
   * nothing rather than a guess), then the route name as an id.
   *
   * @return empty when the model is not in the catalog, which is allowed
   */
  public Optional<ModelInfo> resolve(String routeName, RouteTarget target) {
    if (target != null && target.catalogId() != null) {
      return find(target.catalogId());
    }
    // the target's own model first: on a fallback route the substitute must not inherit the
    // primary model's facts and prices
    if (target != null && target.model() != null) {
      Optional<ModelInfo> byTarget =
          find(target.model()).or(() -> findUniqueByModelName(target.model()));
      if (byTarget.isPresent()) {
        return byTarget;
      }
    }
    return find(routeName);
  }


  private Optional<ModelInfo> findUniqueByModelName(String modelName) {
    List<ModelInfo> matches = byModelName.getOrDefault(key(modelName), List.of());
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  private static String readResource() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled model catalog missing: " + DEFAULT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled model catalog " + DEFAULT_RESOURCE, e);
    }
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }
}
