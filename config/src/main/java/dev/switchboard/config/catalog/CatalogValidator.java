package dev.switchboard.config.catalog;

import dev.switchboard.config.ConfigProblem;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks catalog entries for mistakes a hand edit could introduce, collecting every one. */
final class CatalogValidator {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._:-]*");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?");

  private CatalogValidator() {}

  /** Returns every problem found, with paths like {@code models[3].size_class}. */
  static List<ConfigProblem> check(List<CatalogEntry> entries) {
    List<ConfigProblem> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String at = "models[" + i + "]";
      CatalogEntry entry = entries.get(i);
      if (entry == null) {
        problems.add(new ConfigProblem(at, "expected a model"));
        continue;
      }
      checkIdentity(entry, at, ids, problems);
      checkSize(entry, at, problems);
      checkFacts(entry, at, problems);
      checkNative(entry.nativeRoute(), at + ".native", problems);
      checkClouds(entry.clouds(), at + ".clouds", problems);
    }
    return problems;
  }

  private static void checkIdentity(
      CatalogEntry entry, String at, Set<String> ids, List<ConfigProblem> problems) {
    if (entry.id() == null || !SLUG.matcher(entry.id()).matches()) {
      problems.add(new ConfigProblem(at + ".id", "expected a lowercase author/model slug"));
      return;
    }
    if (!ids.add(entry.id().toLowerCase(Locale.ROOT))) {
      problems.add(new ConfigProblem(at + ".id", "duplicate id '" + entry.id() + "'"));
    }
    String prefix = entry.id().substring(0, entry.id().indexOf('/'));
    if (!prefix.equals(entry.author())) {
      problems.add(new ConfigProblem(at + ".author", "must be the slug prefix '" + prefix + "'"));
    }
    if (entry.displayName() == null || entry.displayName().isBlank()) {
      problems.add(new ConfigProblem(at + ".display_name", "required"));
    }
  }

  private static void checkSize(CatalogEntry entry, String at, List<ConfigProblem> problems) {
    Double total = entry.paramsTotalB();
    Double active = entry.paramsActiveB();
    if (total != null && total <= 0) {
      problems.add(new ConfigProblem(at + ".params_total_b", "must be > 0"));
    }
    if (active != null && total == null) {
      problems.add(new ConfigProblem(at + ".params_active_b", "set without params_total_b"));
    } else if (active != null && (active <= 0 || active > total)) {
      problems.add(new ConfigProblem(at + ".params_active_b", "must be in (0, params_total_b]"));
    }
    SizeClass derived = SizeClass.fromTotalParams(total);
    Optional<SizeClass> declared = sizeClass(entry.sizeClass());
    if (declared.isEmpty()) {
      problems.add(
          new ConfigProblem(
              at + ".size_class", "expected one of small, medium, large, unknown"));
    } else if (declared.get() != derived) {
      problems.add(
          new ConfigProblem(
              at + ".size_class",
              "declared '"
                  + declared.get().label()
                  + "' but params_total_b "
                  + total
                  + " gives '"
                  + derived.label()
                  + "'"));
    }
  }

  private static void checkFacts(CatalogEntry entry, String at, List<ConfigProblem> problems) {
    if (entry.originCountry() != null && !COUNTRY.matcher(entry.originCountry()).matches()) {
      problems.add(
          new ConfigProblem(at + ".origin_country", "expected an ISO 3166-1 alpha-2 code"));
    }
    if (entry.contextLength() != null && entry.contextLength() <= 0) {
      problems.add(new ConfigProblem(at + ".context_length", "must be > 0"));
    }
    if (entry.releaseDate() != null && !DATE.matcher(entry.releaseDate()).matches()) {
      problems.add(new ConfigProblem(at + ".release_date", "expected YYYY-MM-DD or YYYY-MM"));
    }
    CatalogEntry.Prices prices = entry.prices();
    if (prices != null) {
      checkPrice(prices.input(), at + ".prices.input", problems);
      checkPrice(prices.output(), at + ".prices.output", problems);
      checkPrice(prices.cacheRead(), at + ".prices.cache_read", problems);
      checkPrice(prices.cacheWrite(), at + ".prices.cache_write", problems);
    }
  }

  private static void checkClouds(
      java.util.Map<String, String> clouds, String at, List<ConfigProblem> problems) {
    if (clouds == null) {
      return;
    }
    clouds.forEach(
        (kind, model) -> {
          Optional<ProviderKind> known =
              ProviderKind.fromConfigName(kind)
                  .filter(k -> k == ProviderKind.BEDROCK || k == ProviderKind.VERTEX);
          if (known.isEmpty()) {
            problems.add(new ConfigProblem(at + "." + kind, "expected bedrock or vertex"));
          } else if (model == null || model.isBlank()) {
            problems.add(new ConfigProblem(at + "." + kind, "must name the model id"));
          }
        });
  }

  private static void checkNative(
      CatalogEntry.Native route, String at, List<ConfigProblem> problems) {
    if (route == null) {
      return;
    }
    // a native route is a first-party API: clouds that resell models are listed under clouds
    Optional<ProviderKind> kind =
        ProviderKind.fromConfigName(route.kind())
            .filter(k -> k != ProviderKind.BEDROCK && k != ProviderKind.VERTEX);
    if (kind.isEmpty()) {
      problems.add(
          new ConfigProblem(
              at + ".kind", "expected one of openai, anthropic, gemini, openai-compatible"));
    } else if (kind.get() == ProviderKind.OPENAI_COMPATIBLE) {
      if (route.flavor() == null || !ProviderConfig.FLAVORS.contains(route.flavor())) {
        problems.add(
            new ConfigProblem(
                at + ".flavor",
                "expected one of " + String.join(", ", ProviderConfig.FLAVORS)));
      }
    } else if (route.flavor() != null) {
      problems.add(new ConfigProblem(at + ".flavor", "only for kind openai-compatible"));
    }
    if (route.model() == null || route.model().isBlank()) {
      problems.add(new ConfigProblem(at + ".model", "required"));
    }
  }

  private static void checkPrice(Double price, String path, List<ConfigProblem> problems) {
    if (price != null && (price < 0 || price.isNaN() || price.isInfinite())) {
      problems.add(new ConfigProblem(path, "must be a finite price >= 0"));
    }
  }

  private static Optional<SizeClass> sizeClass(String label) {
    return Arrays.stream(SizeClass.values()).filter(c -> c.label().equals(label)).findFirst();
  }
}
