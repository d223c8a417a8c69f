package dev.switchboard.telemetry.stats;

import java.util.EnumSet;
import java.util.Set;

/**
 * Restricts an aggregate to matching records. An empty set of names means "any"; {@code sources}
 * lists the segments allowed, all of them by default, so an empty one matches nothing. Names match
 * the dimension values ({@link Dimension#MODEL}, category labels, ...).
 *
 * @param apiKeyIds only records of these API keys: access control makes "a key sees only its own
 *     records" this one parameter
 * @param includeByok whether bring-your-own-key requests count
 */
public record Filter(
    Set<String> models,
    Set<String> authors,
    Set<Segment> sources,
    Set<String> categories,
    Set<String> apiKeyIds,
    Set<String> apps,
    Set<String> providers,
    boolean includeByok) {

  private static final Filter NONE =
      new Filter(
          Set.of(), Set.of(), EnumSet.allOf(Segment.class), Set.of(), Set.of(), Set.of(), Set.of(), true);

  public Filter {
    models = Set.copyOf(models);
    authors = Set.copyOf(authors);
    sources = Set.copyOf(sources);
    categories = Set.copyOf(categories);
    apiKeyIds = Set.copyOf(apiKeyIds);
    apps = Set.copyOf(apps);
    providers = Set.copyOf(providers);
  }

  /** Returns a filter that matches every record. */
  public static Filter none() {
    return NONE;
  }

  public Filter withModels(Set<String> value) {
    return new Filter(value, authors, sources, categories, apiKeyIds, apps, providers, includeByok);
  }

  public Filter withAuthors(Set<String> value) {
    return new Filter(models, value, sources, categories, apiKeyIds, apps, providers, includeByok);
  }

  public Filter withSources(Set<Segment> value) {
    return new Filter(models, authors, value, categories, apiKeyIds, apps, providers, includeByok);
  }

  public Filter withCategories(Set<String> value) {
    return new Filter(models, authors, sources, value, apiKeyIds, apps, providers, includeByok);
  }

  public Filter withApiKeyIds(Set<String> value) {
    return new Filter(models, authors, sources, categories, value, apps, providers, includeByok);
  }

  public Filter withApps(Set<String> value) {
    return new Filter(models, authors, sources, categories, apiKeyIds, value, providers, includeByok);
  }

  public Filter withProviders(Set<String> value) {
    return new Filter(models, authors, sources, categories, apiKeyIds, apps, value, includeByok);
  }

  public Filter withIncludeByok(boolean value) {
    return new Filter(models, authors, sources, categories, apiKeyIds, apps, providers, value);
  }

  /** Narrows the sources to those also in {@code allowed}. */
  public Filter restrictSources(Set<Segment> allowed) {
    EnumSet<Segment> both = EnumSet.noneOf(Segment.class);
    sources.stream().filter(allowed::contains).forEach(both::add);
    return withSources(both);
  }
}
