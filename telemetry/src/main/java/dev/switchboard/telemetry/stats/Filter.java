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
 * @param excludedApis ingress APIs whose records are left out (see {@link #chatOnly()})
 * @param tags only records carrying at least one of these tags
 */
public record Filter(
    Set<String> models,
    Set<String> authors,
    Set<Segment> sources,
    Set<String> categories,
    Set<String> apiKeyIds,
    Set<String> apps,
    Set<String> providers,
    boolean includeByok,
    Set<String> excludedApis,
    Set<String> tags) {

  /** Ingress APIs that serve no chat: no answers, reasoning or tool calls to count. */
  public static final Set<String> NON_CHAT_APIS = Set.of("embeddings");

  private static final Filter NONE =
      new Filter(
          Set.of(), Set.of(), EnumSet.allOf(Segment.class), Set.of(), Set.of(), Set.of(), Set.of(), true,
          Set.of(), Set.of());

  public Filter {
    models = Set.copyOf(models);
    authors = Set.copyOf(authors);
    sources = Set.copyOf(sources);
    categories = Set.copyOf(categories);
    apiKeyIds = Set.copyOf(apiKeyIds);
    apps = Set.copyOf(apps);
    providers = Set.copyOf(providers);
    excludedApis = Set.copyOf(excludedApis);
    tags = Set.copyOf(tags);
  }

  /** Returns a filter on any tags. */
  public Filter(
      Set<String> models,
      Set<String> authors,
      Set<Segment> sources,
      Set<String> categories,
      Set<String> apiKeyIds,
      Set<String> apps,
      Set<String> providers,
      boolean includeByok,
      Set<String> excludedApis) {
    this(models, authors, sources, categories, apiKeyIds, apps, providers, includeByok, excludedApis, Set.of());
  }

  /** Returns a filter matching every record of any API. */
  public Filter(
      Set<String> models,
      Set<String> authors,
      Set<Segment> sources,
      Set<String> categories,
      Set<String> apiKeyIds,
      Set<String> apps,
      Set<String> providers,
      boolean includeByok) {
    this(models, authors, sources, categories, apiKeyIds, apps, providers, includeByok, Set.of(), Set.of());
  }

  /** Returns a filter that matches every record. */
  public static Filter none() {
    return NONE;
  }

  public Filter withModels(Set<String> value) {
    return new Filter(value, authors, sources, categories, apiKeyIds, apps, providers, includeByok, excludedApis, tags);
  }

  public Filter withAuthors(Set<String> value) {
    return new Filter(models, value, sources, categories, apiKeyIds, apps, providers, includeByok, excludedApis, tags);
  }

  public Filter withSources(Set<Segment> value) {
    return new Filter(models, authors, value, categories, apiKeyIds, apps, providers, includeByok, excludedApis, tags);
  }

  public Filter withCategories(Set<String> value) {
    return new Filter(models, authors, sources, value, apiKeyIds, apps, providers, includeByok, excludedApis, tags);
  }

  public Filter withApiKeyIds(Set<String> value) {
    return new Filter(models, authors, sources, categories, value, apps, providers, includeByok, excludedApis, tags);
  }

  public Filter withApps(Set<String> value) {
    return new Filter(models, authors, sources, categories, apiKeyIds, value, providers, includeByok, excludedApis, tags);
  }

  public Filter withProviders(Set<String> value) {
    return new Filter(models, authors, sources, categories, apiKeyIds, apps, value, includeByok, excludedApis, tags);
  }

  public Filter withIncludeByok(boolean value) {
    return new Filter(models, authors, sources, categories, apiKeyIds, apps, providers, value, excludedApis, tags);
  }

  /** Keeps only records carrying at least one of {@code value}. */
  public Filter withTags(Set<String> value) {
    return new Filter(models, authors, sources, categories, apiKeyIds, apps, providers, includeByok, excludedApis, value);
  }

  /** Leaves out the records of {@code apis}. */
  public Filter withExcludedApis(Set<String> apis) {
    return new Filter(models, authors, sources, categories, apiKeyIds, apps, providers, includeByok, apis, tags);
  }

  /**
   * Returns this filter restricted to chat-serving APIs: what analyses of answers (reasoning,
   * tool calls, streaming) read, so that embedding requests do not dilute their shares.
   */
  public Filter chatOnly() {
    return withExcludedApis(NON_CHAT_APIS);
  }

  /** Narrows the sources to those also in {@code allowed}. */
  public Filter restrictSources(Set<Segment> allowed) {
    EnumSet<Segment> both = EnumSet.noneOf(Segment.class);
    sources.stream().filter(allowed::contains).forEach(both::add);
    return withSources(both);
  }
}
