package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps the {@code providers} list onto {@link ProviderConfig}s. */
final class ProviderSection {
  private static final String ALLOWED_KINDS =
      Arrays.stream(ProviderKind.values())
          .map(ProviderKind::configName)
          .collect(Collectors.joining(", "));

  private static final List<String> ALLOWED_KEYS = allowedKeys();

  private ProviderSection() {}

  private static List<String> allowedKeys() {
    List<String> keys =
        new ArrayList<>(
            List.of("id", "kind", "base_url", "api_key", "headers", "flavor", "collects_data"));
    keys.addAll(CloudSection.KEYS);
    return keys;
  }

  /**
   * Holds the providers that mapped cleanly, and every id declared (even by a provider with other
   * problems) so that routes naming it are not also reported.
   */
  record Result(List<ProviderConfig> providers, Set<String> declaredIds) {}

  /** Reads every entry of the list, reporting all problems. */
  static Result read(List<YamlNodeReader> entries) {
    List<ProviderConfig> providers = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (YamlNodeReader entry : entries) {
      entry.rejectUnknownKeys(ALLOWED_KEYS.toArray(String[]::new));
      Optional<String> id = entry.requiredString("id");
      if (id.isPresent() && !ids.add(id.get())) {
        entry.problem("id", "duplicate id '" + id.get() + "'");
        id = Optional.empty();
      }
      Optional<ProviderKind> kind = entry.requiredString("kind").flatMap(k -> kind(entry, k));
      CloudAccount cloud = kind.map(k -> CloudSection.read(entry, k)).orElse(null);
      boolean cloudReady = kind.isEmpty() || !CloudSection.needsAccount(kind.get()) || cloud != null;
      Optional<URI> baseUrl =
          entry.has("base_url") || kind.isEmpty() || !CloudSection.needsAccount(kind.get())
              ? entry.requiredString("base_url").flatMap(u -> baseUrl(entry, u))
              : Optional.ofNullable(cloud).map(CloudSection::defaultBaseUrl);
      SecretRef apiKey = entry.string("api_key").map(SecretRef::parse).orElse(SecretRef.none());
      Map<String, String> headers = entry.strings("headers");
      String flavor = entry.string("flavor").flatMap(f -> flavor(entry, f, kind)).orElse(null);
      Boolean collectsData = entry.has("collects_data") ? entry.bool("collects_data", true) : null;
      if (id.isPresent() && kind.isPresent() && baseUrl.isPresent() && cloudReady) {
        providers.add(
            new ProviderConfig(
                id.get(), kind.get(), baseUrl.get(), apiKey, headers, flavor, collectsData, cloud));
      }
    }
    return new Result(providers, ids);
  }

  private static Optional<ProviderKind> kind(YamlNodeReader entry, String name) {
    Optional<ProviderKind> kind = ProviderKind.fromConfigName(name);
    if (kind.isEmpty()) {
      entry.problem("kind", "unknown kind '" + name + "' (allowed: " + ALLOWED_KINDS + ")");
    }
    return kind;
  }

  private static Optional<String> flavor(
      YamlNodeReader entry, String name, Optional<ProviderKind> kind) {
    if (!ProviderConfig.FLAVORS.contains(name)) {
      String allowed = String.join(", ", ProviderConfig.FLAVORS);
      entry.problem("flavor", "unknown flavor '" + name + "' (allowed: " + allowed + ")");
      return Optional.empty();
    }
    if (kind.isPresent()
        && kind.get() != ProviderKind.OPENAI
        && kind.get() != ProviderKind.OPENAI_COMPATIBLE) {
      entry.problem("flavor", "only applies to kind openai or openai-compatible");
      return Optional.empty();
    }
    return Optional.of(name);
  }

  private static Optional<URI> baseUrl(YamlNodeReader entry, String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      entry.problem("base_url", "not a URL");
      return Optional.empty();
    }
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
      entry.problem("base_url", "not a URL (expected http(s)://host[:port][/path])");
      return Optional.empty();
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      entry.problem("base_url", "must be an http or https URL");
      return Optional.empty();
    }
    return Optional.of(uri);
  }
}
