package dev.switchboard.gateway.stats;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.TokenMode;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import dev.switchboard.telemetry.stats.analysis.CategoryMethod;
import dev.switchboard.telemetry.stats.analysis.Param;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import dev.switchboard.telemetry.stats.analysis.Weight;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses the query parameters of {@code GET /v1/stats/{analysis}} into a {@link StatsQuery} and an
 * output format, refusing unknown, repeated, inapplicable or malformed parameters with a 400 that
 * names the parameter and what it allows.
 */
public record StatsRequest(StatsQuery query, Format format) {

  /** Names the response formats. */
  public enum Format {
    JSON,
    CSV
  }

  /** Parameters every analysis accepts: the window and the filters. */
  public static final Set<Param> COMMON =
      EnumSet.of(Param.FROM, Param.TO, Param.MODEL, Param.AUTHOR, Param.SOURCE, Param.CATEGORY, Param.KEY,
          Param.APP, Param.PROVIDER, Param.TAG);

  /**
   * Returns this request limited to gateway key {@code apiKeyId} whatever keys it asked for: a
   * gateway key sees only its own records; null leaves the request as it is (admin, auth none).
   */
  public StatsRequest scopedTo(String apiKeyId) {
    if (apiKeyId == null) {
      return this;
    }
    return new StatsRequest(
        query.withFilter(query.filter().withApiKeyIds(java.util.Set.of(apiKeyId))), format);
  }

  /**
   * Returns this request limited to the records of {@code apiKeyIds} (a team's keys), within the
   * keys it already asked for; no keys match no records.
   */
  public StatsRequest forKeys(java.util.Set<String> apiKeyIds) {
    java.util.Set<String> asked = query.filter().apiKeyIds();
    java.util.Set<String> keys = new java.util.HashSet<>(apiKeyIds);
    if (!asked.isEmpty()) {
      keys.retainAll(asked);
    }
    if (keys.isEmpty()) {
      keys.add(NO_KEY); // an empty key filter would mean every key
    }
    return new StatsRequest(query.withFilter(query.filter().withApiKeyIds(keys)), format);
  }

  /** A key id no key has (ids are key_... or cfg_...), to match no records. */
  private static final String NO_KEY = "\u0000none";

  /** Parses {@code params} (name → every value given) for {@code analysis}. */
  public static StatsRequest parse(Analysis analysis, Map<String, List<String>> params) {
    Set<Param> allowed = EnumSet.copyOf(COMMON);
    allowed.addAll(analysis.params());
    StatsQuery q = StatsQuery.defaults();
    Filter f = Filter.none();
    Format format = Format.JSON;
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String name = e.getKey();
      if (e.getValue().size() != 1) {
        throw bad("duplicate_parameter", name, "Parameter '" + name + "' may be given only once.");
      }
      String value = e.getValue().get(0).trim();
      if (name.equals("format")) {
        format = switch (value) {
          case "json" -> Format.JSON;
          case "csv" -> Format.CSV;
          default -> throw invalid(name, "json | csv");
        };
        continue;
      }
      Param p = Param.fromWireName(name).filter(allowed::contains).orElseThrow(() -> bad("unknown_parameter", name,
          "Parameter '" + name + "' is not accepted by analysis '" + analysis.name() + "'; allowed: "
              + allowedList(allowed) + "."));
      switch (p) {
        case FROM -> q = q.withWindow(instant(name, value), q.to());
        case TO -> q = q.withWindow(q.from(), instant(name, value));
        case BUCKET -> q = q.withBucket(Bucket.fromLabel(value).orElseThrow(() -> invalid(name, "day | week | month")));
        case TOKENS -> q = q.withTokens(TokenMode.fromLabel(value).orElseThrow(() -> invalid(name, "native | normalized")));
        case WEIGHT -> q = q.withWeight(Weight.fromLabel(value).orElseThrow(() -> invalid(name, "tokens | requests | cost")));
        case TOP -> q = q.withTop(integer(name, value, 1, 1000));
        case METHOD -> q = q.withMethod(CategoryMethod.fromLabel(value)
            .orElseThrow(() -> invalid(name, "local | judge | calibrated")));
        case INCLUDE_OTHER -> q = q.withIncludeOther(bool(name, value));
        case INCLUDE_BYOK -> q = q.withIncludeByok(bool(name, value));
        case MIN_REQUESTS -> q = q.withMinRequests(integer(name, value, 1, 1_000_000_000));
        case MIN_USERS -> q = q.withMinUsers(integer(name, value, 1, 1_000_000_000));
        case MODEL -> f = f.withModels(list(name, value));
        case AUTHOR -> f = f.withAuthors(list(name, value));
        case SOURCE -> f = f.withSources(sources(name, value));
        case CATEGORY -> f = f.withCategories(categories(name, value));
        case KEY -> f = f.withApiKeyIds(list(name, value));
        case APP -> f = f.withApps(list(name, value));
        case PROVIDER -> f = f.withProviders(list(name, value));
        case TAG -> f = f.withTags(list(name, value));
      }
    }
    if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
      throw bad("invalid_value", "from", "'from' must be before 'to'.");
    }
    return new StatsRequest(q.withFilter(f), format);
  }

  /** Lists wire names of {@code params} in declaration order, plus format. */
  static String allowedList(Set<Param> params) {
    return params.stream().sorted().map(Param::wireName).collect(Collectors.joining(", ")) + ", format";
  }

  /** Parses an ISO date (UTC midnight) or instant. */
  public static Instant instant(String name, String value) {
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, "an ISO date (2026-01-31) or instant (2026-01-31T12:00:00Z)");
    }
  }

  private static int integer(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw invalid(name, "an integer from " + min + " to " + max);
  }

  private static boolean bool(String name, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(name, "true | false");
    };
  }

  private static Set<String> list(String name, String value) {
    Set<String> values = Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toCollection(LinkedHashSet::new));
    if (values.isEmpty() || values.contains("")) {
      throw invalid(name, "one or more comma-separated values, none empty");
    }
    return values;
  }

  private static Set<Segment> sources(String name, String value) {
    Set<Segment> sources = EnumSet.noneOf(Segment.class);
    for (String s : list(name, value)) {
      if (s.equals("open_weight")) {
        sources.add(Segment.CHINESE_OSS);
        sources.add(Segment.ROW_OSS);
      } else {
        sources.add(Segment.fromLabel(s).orElseThrow(
            () -> invalid(name, "proprietary | chinese_oss | row_oss | open_weight | unknown, comma-separated")));
      }
    }
    return sources;
  }

  private static Set<String> categories(String name, String value) {
    Set<String> labels = new LinkedHashSet<>();
    for (String s : list(name, value)) {
      if (s.equalsIgnoreCase("unclassified")) {
        labels.add("unclassified");
      } else {
        labels.add(Category.fromLabel(s).orElseThrow(() -> invalid(name,
            Arrays.stream(Category.values()).map(Category::label).collect(Collectors.joining(" | "))
                + " | unclassified, comma-separated")).label());
      }
    }
    return labels;
  }

  private static ApiErrorException invalid(String name, String allowed) {
    return bad("invalid_value", name, "Invalid '" + name + "': expected " + allowed + ".");
  }

  private static ApiErrorException bad(String code, String param, String message) {
    return new ApiErrorException(ApiError.badRequest(code, param, message));
  }
}
