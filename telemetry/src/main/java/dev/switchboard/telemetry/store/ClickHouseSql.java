package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.TokenMode;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Spells the stats vocabulary as ClickHouse SQL over {@code usage_records}, meaning exactly what
 * {@link AggregateSql} means in DuckDB. ClickHouse 18.16 has no query parameters (19.x added
 * {@code {name:Type}}), so values are spliced in as escaped literals ({@link Tsv#literal}).
 */
final class ClickHouseSql {
  /** The bin columns' value where a metric does not apply (they are not Nullable: cheaper to scan). */
  static final int NO_BIN = Integer.MIN_VALUE;

  static final String USER_KEY = "ifNull(api_key_id, 'anonymous')";
  static final String END_USER = "ifNull(end_user, ifNull(api_key_id, 'anonymous'))";
  static final String COHORT_PREDICATE = "outcome != 'client_error'";
  // Distinct 64-bit hashes of (key, user), as DuckDB counts them: hashing first keeps the
  // distinct set to 8 bytes a user; a NULL differs from every string.
  static final String USER_HASH = "cityHash64(isNull(api_key_id), ifNull(api_key_id, ''), isNull(end_user), ifNull(end_user, ''))";

  private ClickHouseSql() {}

  /** Returns the first day of the record's bucket, as a Date; ts is DateTime('UTC'), so buckets are UTC. */
  static String bucket(Bucket bucket) {
    return switch (bucket) {
      case DAY -> "toDate(ts)";
      case WEEK -> "toMonday(ts)";
      case MONTH -> "toStartOfMonth(ts)";
    };
  }

  static String dimension(Dimension d) {
    return switch (d) {
      case MODEL -> "model_key";
      case AUTHOR -> "ifNull(author, 'unknown')";
      case SOURCE -> "source";
      case SIZE_CLASS -> "ifNull(size_class, 'unknown')";
      case CATEGORY -> "ifNull(category, 'unclassified')";
      case SUB_TAG -> "ifNull(sub_tag, 'none')";
      case LANGUAGE -> "ifNull(language, 'unknown')";
      case COUNTRY -> "ifNull(country, 'unknown')";
      case CONTINENT -> "ifNull(continent, 'unknown')";
      case PROVIDER -> "ifNull(provider, 'none')";
      case APP -> "ifNull(app, 'none')";
      case API -> "api";
      case JUDGE_CATEGORY -> "ifNull(judge_category, '" + Dimension.UNJUDGED + "')";
      // one row per tag (arrayJoin), as DuckDB's unnest: a request counts once in each of its tags
      case TAG -> "arrayJoin(splitByChar(',', ifNull(tags, '" + Dimension.UNTAGGED + "')))";
      case KEY -> USER_KEY;
      case REASONING_MODEL -> "if(isNull(reasoning_model), 'unknown', if(ifNull(reasoning_model, 0) = 1, 'true', 'false'))";
      case FINISH_REASON -> "ifNull(finish_reason, 'none')";
      case OUTCOME -> "outcome";
      case ERROR_TYPE -> "ifNull(error_type, 'none')";
      case STREAMED -> "if(streamed = 1, 'true', 'false')";
      case ATTEMPTS -> "attempts"; // grouped and ordered as a number, like DuckDB
    };
  }

  private static String prompt(TokenMode mode) {
    return mode == TokenMode.NATIVE ? "prompt_tokens" : "normalized_prompt_tokens";
  }

  private static String completion(TokenMode mode) {
    return mode == TokenMode.NATIVE ? "completion_tokens" : "normalized_completion_tokens";
  }

  /** Returns the materialized column holding prompt + completion tokens, NULLs as 0 ({@link ClickHouseSchema}). */
  private static String tokens(TokenMode mode) {
    return mode == TokenMode.NATIVE ? "tokens_native" : "tokens_normalized";
  }

  /** Returns the SQL of a measure as Float64, 0 over no rows (conditions never Nullable: -If wants UInt8). */
  static String measure(Measure m, TokenMode mode) {
    String t = tokens(mode);
    String priced = "ifNull(cost_usd, 0) > 0 AND " + t + " > 0";
    String expr = switch (m) {
      case REQUESTS -> "count()";
      case REPORTED_REQUESTS -> "countIf(isNotNull(" + prompt(mode) + ") OR isNotNull(" + completion(mode) + "))";
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
      case PRICED_COST_USD -> "sumIf(ifNull(cost_usd, 0), " + priced + ")";
      case PRICED_TOKENS -> "sumIf(" + t + ", " + priced + ")";
      case ERRORS -> "countIf(outcome NOT IN ('success', 'cancelled'))";
      case CANCELLED -> "countIf(outcome = 'cancelled')";
      case STREAMED_REQUESTS -> "countIf(streamed = 1)";
      case TOOLS_OFFERED_REQUESTS -> "countIf(tools_offered = 1)";
      case ATTEMPTS -> "sum(attempts)";
      case RETRIED_REQUESTS -> "countIf(attempts > 1)";
      case LATENCY_MS -> "sum(latency_ms)";
      case TTFT_MS -> "sum(ttft_ms)";
      case TTFT_REQUESTS -> "count(ttft_ms)";
      case USERS -> "uniqExact(" + USER_HASH + ")";
    };
    return "toFloat64(ifNull(" + expr + ", 0))";
  }

  /** Returns the column holding a metric's bin ({@link #NO_BIN} where it does not apply). */
  static String binColumn(QuantileMetric metric) {
    return AggregateSql.binColumn(metric);
  }

  /** Appends the filter's predicates ({@code AND ...}) to {@code sql}. */
  static void filter(Filter f, StringBuilder sql) {
    in(dimension(Dimension.MODEL), f.models(), sql);
    in(dimension(Dimension.AUTHOR), f.authors(), sql);
    if (f.sources().isEmpty()) {
      sql.append(" AND 0");
    } else if (f.sources().size() < Segment.values().length) {
      in("source", f.sources().stream().map(Segment::label).collect(Collectors.toSet()), sql);
    }
    in(dimension(Dimension.CATEGORY), f.categories(), sql);
    in(USER_KEY, f.apiKeyIds(), sql);
    in(dimension(Dimension.APP), f.apps(), sql);
    in(dimension(Dimension.PROVIDER), f.providers(), sql);
    if (!f.includeByok()) {
      sql.append(" AND byok = 0");
    }
    membership(dimension(Dimension.API), "NOT IN", f.excludedApis(), sql);
    if (!f.tags().isEmpty()) {
      // arrayExists and has are in 18.16 (hasAny came later)
      sql.append(" AND arrayExists(t -> has([")
          .append(f.tags().stream().sorted().map(Tsv::literal).collect(Collectors.joining(", ")))
          .append("], t), splitByChar(',', ifNull(tags, '')))");
    }
  }

  /** Appends {@code AND expr IN ('a', 'b')} unless {@code values} is empty. */
  static void in(String expr, Collection<String> values, StringBuilder sql) {
    membership(expr, "IN", values, sql);
  }

  /** Appends {@code AND expr <operator> ('a', 'b')} unless {@code values} is empty. */
  private static void membership(String expr, String operator, Collection<String> values, StringBuilder sql) {
    if (values.isEmpty()) {
      return;
    }
    sql.append(" AND ").append(expr).append(' ').append(operator).append(" (")
        .append(values.stream().sorted().map(Tsv::literal).collect(Collectors.joining(", "))).append(')');
  }
}
