package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.LogBins;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.TokenMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Spells the stats vocabulary (dimensions, measures, filters, buckets) as DuckDB SQL over
 * {@code usage_records}. Values are never spliced in: filters add {@code ?} placeholders and their
 * parameters in order.
 */
final class AggregateSql {
  /** The model a record counts for: the catalog id, else the name the client asked for. */
  static final String MODEL_EXPR = "coalesce(catalog_id, requested_model, served_model, 'unknown')";

  static final String SOURCE_EXPR =
      "CASE WHEN open_weights IS NULL THEN 'unknown' WHEN NOT open_weights THEN 'proprietary'"
          + " WHEN origin_country IS NULL THEN 'unknown'"
          + " WHEN origin_country IN ('CN', 'HK', 'TW') THEN 'chinese_oss' ELSE 'row_oss' END";

  /** The best sub-tag of the primary category: tags are stored best first as "Programming/debugging:0.620,...". */
  static final String SUB_TAG_EXPR =
      "nullif(split_part(split_part(list_filter(string_split(coalesce(category_tags, ''), ','),"
          + " lambda t: starts_with(t, category || '/'))[1], ':', 1), '/', 2), '')";

  /** The columns written from the expressions above (see {@link UsageRows#write}). */
  static final String MODEL = "model_key";

  static final String SOURCE = "source";

  /** The end user for retention: the {@code user} field, else the key. */
  static final String USER_KEY = "coalesce(api_key_id, 'anonymous')";

  static final String END_USER = "coalesce(end_user, api_key_id, 'anonymous')";

  /** Records that reached a model count towards cohorts; requests refused before routing do not. */
  /** The end user as {@link Measure#USERS} counts it. */
  static final String USER_HASH = "hash(api_key_id, end_user)";

  static final String COHORT_PREDICATE = "outcome <> 'client_error'";

  /**
   * The records with one row per tag (a record without tags once, as {@link Dimension#UNTAGGED}),
   * read instead of {@code usage_records} when grouping by {@link Dimension#TAG}. Untagged records
   * skip the unnest: through it DuckDB carries every column of every row (1.2 s on 10M records,
   * 0.4 s without).
   */
  static final String TAGGED_RECORDS =
      "(SELECT *, '" + Dimension.UNTAGGED + "' AS tag FROM usage_records WHERE tags IS NULL"
          + " UNION ALL SELECT *, unnest(string_split(tags, ',')) AS tag FROM usage_records WHERE tags IS NOT NULL)";

  private AggregateSql() {}

  /** Returns what a query grouping by {@code dimensions} reads: the records, or a row per tag. */
  static String source(Collection<Dimension> dimensions) {
    return dimensions.contains(Dimension.TAG) ? TAGGED_RECORDS : "usage_records";
  }

  static String bucket(Bucket bucket) {
    return "date_trunc('" + bucket.label() + "', ts)::DATE";
  }

  static String dimension(Dimension d) {
    return switch (d) {
      case MODEL -> MODEL;
      case AUTHOR -> "coalesce(author, 'unknown')";
      case SOURCE -> SOURCE;
      case SIZE_CLASS -> "coalesce(size_class, 'unknown')";
      case CATEGORY -> "coalesce(category, 'unclassified')";
      case SUB_TAG -> "coalesce(sub_tag, 'none')";
      case LANGUAGE -> "coalesce(language, 'unknown')";
      case COUNTRY -> "coalesce(country, 'unknown')";
      case CONTINENT -> "coalesce(continent, 'unknown')";
      case PROVIDER -> "coalesce(provider, 'none')";
      case APP -> "coalesce(app, 'none')";
      case API -> "coalesce(api, 'chat')";
      case JUDGE_CATEGORY -> "coalesce(judge_category, '" + Dimension.UNJUDGED + "')";
      case TAG -> "tag"; // a column of TAGGED_RECORDS, one row per tag
      case KEY -> USER_KEY;
      case REASONING_MODEL ->
          "CASE WHEN reasoning_model IS NULL THEN 'unknown' WHEN reasoning_model THEN 'true' ELSE 'false' END";
      case FINISH_REASON -> "coalesce(finish_reason, 'none')";
      case OUTCOME -> "outcome";
      case ERROR_TYPE -> "coalesce(error_type, 'none')";
      case STREAMED -> "CASE WHEN streamed THEN 'true' ELSE 'false' END";
      case ATTEMPTS -> "attempts"; // read back as a string; grouping an integer is cheaper than a cast
    };
  }

  static String prompt(TokenMode mode) {
    return mode == TokenMode.NATIVE ? "prompt_tokens" : "normalized_prompt_tokens";
  }

  static String completion(TokenMode mode) {
    return mode == TokenMode.NATIVE ? "completion_tokens" : "normalized_completion_tokens";
  }

  static String tokens(TokenMode mode) {
    return "(coalesce(" + prompt(mode) + ", 0) + coalesce(" + completion(mode) + ", 0))";
  }

  /** Returns the SQL of a measure; sums are cast to DOUBLE and read 0 over no rows. */
  static String measure(Measure m, TokenMode mode) {
    return "coalesce(" + aggregate(m, mode) + ", 0)::DOUBLE";
  }

  /** Returns the SQL aggregate of a measure as it is (a sum over no rows is NULL). */
  static String aggregate(Measure m, TokenMode mode) {
    String t = tokens(mode);
    String priced = "cost_usd > 0 AND " + t + " > 0";
    return switch (m) {
          case REQUESTS -> "count(*)";
          case REPORTED_REQUESTS ->
              "count(*) FILTER (WHERE " + prompt(mode) + " IS NOT NULL OR " + completion(mode) + " IS NOT NULL)";
          case TOKENS -> "sum(" + t + ")";
          case PROMPT_TOKENS -> "sum(" + prompt(mode) + ")";
          case COMPLETION_TOKENS -> "sum(" + completion(mode) + ")";
          case NATIVE_COMPLETION_TOKENS -> "sum(completion_tokens)";
          case REASONING_TOKENS -> "sum(reasoning_tokens)";
          case CACHED_READ_TOKENS -> "sum(cached_read_tokens)";
          case CACHE_WRITE_TOKENS -> "sum(cache_write_tokens)";
          case NORMALIZED_PROMPT_TOKENS -> "sum(normalized_prompt_tokens)";
          case NORMALIZED_COMPLETION_TOKENS -> "sum(normalized_completion_tokens)";
          case COST_USD -> "sum(cost_usd)";
          case PRICED_COST_USD -> "sum(cost_usd) FILTER (WHERE " + priced + ")";
          case PRICED_TOKENS -> "sum(" + t + ") FILTER (WHERE " + priced + ")";
          case ERRORS -> "count(*) FILTER (WHERE outcome NOT IN ('success', 'cancelled'))";
          case CANCELLED -> "count(*) FILTER (WHERE outcome = 'cancelled')";
          case STREAMED_REQUESTS -> "count(*) FILTER (WHERE streamed)";
          case TOOLS_OFFERED_REQUESTS -> "count(*) FILTER (WHERE tools_offered)";
          case ATTEMPTS -> "sum(attempts)";
          case RETRIED_REQUESTS -> "count(*) FILTER (WHERE attempts > 1)";
          case LATENCY_MS -> "sum(latency_ms)";
          case TTFT_MS -> "sum(ttft_ms)";
          case TTFT_REQUESTS -> "count(ttft_ms)";
          // A 64-bit hash of (key, user field) instead of the pair itself: half the time, and with a
          // million users the chance of any collision is about 3e-8.
          case USERS -> "count(DISTINCT " + USER_HASH + ")";
        };
  }

  /** Returns the column holding a metric's {@link LogBins} bin, null where the metric does not apply. */
  static String binColumn(QuantileMetric metric) {
    return switch (metric) {
      case LATENCY_MS -> "latency_bin";
      case TTFT_MS -> "ttft_bin";
      case OUTPUT_TOKENS_PER_SECOND -> "tps_bin";
    };
  }

  /**
   * Returns the SQL computing a metric's bin from a row, as {@link UsageRows#bins} does in Java: used
   * to backfill stores written before the bin columns existed.
   */
  static String binExpr(QuantileMetric metric) {
    String duration = "(latency_ms - coalesce(ttft_ms, 0))";
    String[] predicateAndValue = switch (metric) {
      case LATENCY_MS -> new String[] {"outcome = 'success'", "latency_ms"};
      case TTFT_MS -> new String[] {"outcome = 'success' AND streamed AND ttft_ms IS NOT NULL", "ttft_ms"};
      case OUTPUT_TOKENS_PER_SECOND ->
          new String[] {
            "outcome = 'success' AND completion_tokens > 0 AND " + duration + " > 0",
            "completion_tokens * 1000.0 / " + duration
          };
    };
    String value = "(" + predicateAndValue[1] + ")::DOUBLE";
    return "CASE WHEN " + predicateAndValue[0] + " THEN CASE WHEN " + value + " <= 0 THEN " + LogBins.ZERO
        + " ELSE floor(ln(" + value + ") / ln(" + LogBins.BASE + "))::INTEGER END END";
  }

  /** Appends the filter's predicates ({@code AND ...}) to {@code sql} and their values to {@code params}. */
  static void filter(Filter f, StringBuilder sql, List<Object> params) {
    in(dimension(Dimension.MODEL), f.models(), sql, params);
    in(dimension(Dimension.AUTHOR), f.authors(), sql, params);
    if (f.sources().isEmpty()) {
      sql.append(" AND false");
    } else if (f.sources().size() < Segment.values().length) {
      in(SOURCE, f.sources().stream().map(Segment::label).collect(Collectors.toSet()), sql, params);
    }
    in(dimension(Dimension.CATEGORY), f.categories(), sql, params);
    in(USER_KEY, f.apiKeyIds(), sql, params);
    in(dimension(Dimension.APP), f.apps(), sql, params);
    in(dimension(Dimension.PROVIDER), f.providers(), sql, params);
    if (!f.includeByok()) {
      sql.append(" AND NOT byok");
    }
    membership(dimension(Dimension.API), "NOT IN", f.excludedApis(), sql, params);
    if (!f.tags().isEmpty()) {
      List<String> marks = new ArrayList<>();
      for (String tag : f.tags().stream().sorted().toList()) {
        marks.add("?");
        params.add(tag);
      }
      // tags are normalized to [a-z0-9_.-], so a comma never occurs inside one
      sql.append(" AND list_has_any(string_split(coalesce(tags, ''), ','), [")
          .append(String.join(", ", marks)).append("])");
    }
  }

  private static void in(String expr, Collection<String> values, StringBuilder sql, List<Object> params) {
    membership(expr, "IN", values, sql, params);
  }

  private static void membership(
      String expr, String operator, Collection<String> values, StringBuilder sql, List<Object> params) {
    if (values.isEmpty()) {
      return;
    }
    List<String> marks = new ArrayList<>();
    for (String v : values.stream().sorted().toList()) {
      marks.add("?");
      params.add(v);
    }
    sql.append(" AND ").append(expr).append(' ').append(operator).append(" (")
        .append(String.join(", ", marks)).append(')');
  }
}
