package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.TokenMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The daily rollup of {@code usage_records} in ClickHouse: per UTC day, model (with its author,
 * size class and reasoning flag), provider, source, BYOK flag and ingress API, the states of the sums, the distinct users and the latency, TTFT and
 * tokens-per-second histograms ({@code AggregatingMergeTree}, kept by a materialized view on
 * insert). A query grouped and filtered by those alone (the dashboard's overview and latency
 * without filters) reads the rollup for the whole days of its window and the raw rows only for
 * the partial days at its ends, as states of the same aggregate functions, and merges both: the
 * same numbers as a raw scan from about 1% of the rows. Other queries scan the raw rows.
 */
final class ClickHouseDailyRollup {
  static final String TABLE = "usage_daily";
  private static final long DAY_MICROS = 86_400_000_000L;

  /** One aggregate state column: its name, its type, and the -State expression over raw rows. */
  record Column(String name, String type, String state, String merge) {}

  private static final String HIST_TYPE = "AggregateFunction(sumMap, Array(Int32), Array(UInt64))";

  private static Column sum(String name, String type, String expr) {
    return new Column(name, "AggregateFunction(sum, " + type + ")", "sumState(" + expr + ")", "sumMerge");
  }

  private static final List<Column> COLUMNS = List.of(
      new Column("requests", "AggregateFunction(count)", "countState()", "countMerge"),
      sum("errors", "UInt64", "toUInt64(outcome NOT IN ('success', 'cancelled'))"),
      sum("cancelled", "UInt64", "toUInt64(outcome = 'cancelled')"),
      sum("prompt_sum", "Int64", "ifNull(prompt_tokens, 0)"),
      sum("completion_sum", "Int64", "ifNull(completion_tokens, 0)"),
      sum("reasoning_sum", "Int64", "ifNull(reasoning_tokens, 0)"),
      sum("cached_read_sum", "Int64", "ifNull(cached_read_tokens, 0)"),
      sum("cache_write_sum", "Int64", "ifNull(cache_write_tokens, 0)"),
      sum("normalized_prompt_sum", "Int64", "ifNull(normalized_prompt_tokens, 0)"),
      sum("normalized_completion_sum", "Int64", "ifNull(normalized_completion_tokens, 0)"),
      sum("tokens_native_sum", "Int64", "tokens_native"),
      sum("tokens_normalized_sum", "Int64", "tokens_normalized"),
      sum("cost_sum", "Float64", "ifNull(cost_usd, 0)"),
      new Column("users", "AggregateFunction(uniqExact, UInt64)", "uniqExactState(" + ClickHouseSql.USER_HASH + ")", "uniqExactMerge"),
      histogram(QuantileMetric.LATENCY_MS),
      histogram(QuantileMetric.TTFT_MS),
      histogram(QuantileMetric.OUTPUT_TOKENS_PER_SECOND));

  private static Column histogram(QuantileMetric metric) {
    String bin = ClickHouseSql.binColumn(metric);
    return new Column(bin + "_hist", HIST_TYPE,
        "sumMapState([" + bin + "], [toUInt64(" + bin + " != " + ClickHouseSql.NO_BIN + ")])", "sumMapMerge");
  }

  // The dimensions the rollup keeps, each in a column of its own spelled as the raw dimension
  // (NULLs already replaced). Author, size class and reasoning flag follow from the model, so they
  // add no rows. The columns of computed keys are named apart from the columns they come from:
  // 18.16 rejects an alias that shadows a column it is computed from.
  private static final Map<Dimension, String> DIMENSIONS = new LinkedHashMap<>();

  static {
    DIMENSIONS.put(Dimension.MODEL, "model_key");
    DIMENSIONS.put(Dimension.PROVIDER, "provider_or_none");
    DIMENSIONS.put(Dimension.AUTHOR, "author_or_unknown");
    DIMENSIONS.put(Dimension.SIZE_CLASS, "size_class_or_unknown");
    DIMENSIONS.put(Dimension.REASONING_MODEL, "reasoning_label");
    DIMENSIONS.put(Dimension.SOURCE, "source");
    DIMENSIONS.put(Dimension.API, "api");
  }

  private static final String KEY_COLUMNS = "day, " + String.join(", ", DIMENSIONS.values()) + ", byok";

  private static final String KEYS = "toDate(ts) AS day, " + DIMENSIONS.entrySet().stream()
      .map(e -> ClickHouseSql.dimension(e.getKey()).equals(e.getValue())
          ? e.getValue() : ClickHouseSql.dimension(e.getKey()) + " AS " + e.getValue())
      .collect(Collectors.joining(", ")) + ", byok";

  static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (day Date, "
      + DIMENSIONS.values().stream().map(c -> c + " String, ").collect(Collectors.joining()) + "byok UInt8, "
      + COLUMNS.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "))
      + ") ENGINE = AggregatingMergeTree PARTITION BY toYYYYMM(day) ORDER BY (" + KEY_COLUMNS + ")";

  private static final String SELECT_STATES = "SELECT " + KEYS + ", "
      + COLUMNS.stream().map(c -> c.state() + " AS " + c.name()).collect(Collectors.joining(", "))
      + " FROM usage_records";
  static final String GROUP_KEYS = " GROUP BY " + KEY_COLUMNS;

  static final String CREATE_VIEW = "CREATE MATERIALIZED VIEW IF NOT EXISTS " + TABLE + "_mv TO " + TABLE + " AS "
      + SELECT_STATES + GROUP_KEYS;

  /** Fills the rollup from the rows stored before it existed; append a WHERE clause and {@link #GROUP_KEYS}. */
  static final String BACKFILL = "INSERT INTO " + TABLE + " " + SELECT_STATES;

  private ClickHouseDailyRollup() {}

  /** Returns the state column answering {@code m} in {@code mode}, or null when the rollup has none. */
  private static Column column(Measure m, TokenMode mode) {
    boolean n = mode == TokenMode.NATIVE;
    String name = switch (m) {
      case REQUESTS -> "requests";
      case ERRORS -> "errors";
      case CANCELLED -> "cancelled";
      case PROMPT_TOKENS -> n ? "prompt_sum" : "normalized_prompt_sum";
      case COMPLETION_TOKENS -> n ? "completion_sum" : "normalized_completion_sum";
      case NATIVE_COMPLETION_TOKENS -> "completion_sum";
      case REASONING_TOKENS -> "reasoning_sum";
      case CACHED_READ_TOKENS -> "cached_read_sum";
      case CACHE_WRITE_TOKENS -> "cache_write_sum";
      case NORMALIZED_PROMPT_TOKENS -> "normalized_prompt_sum";
      case NORMALIZED_COMPLETION_TOKENS -> "normalized_completion_sum";
      case TOKENS -> n ? "tokens_native_sum" : "tokens_normalized_sum";
      case COST_USD -> "cost_sum";
      case USERS -> "users";
      default -> null;
    };
    return name == null ? null : COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static Column histogramColumn(QuantileMetric metric) {
    String name = ClickHouseSql.binColumn(metric) + "_hist";
    return COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /** Returns whether the rollup answers {@code q}'s grouping, filter and {@code measures} (null: histograms). */
  static boolean answers(AggregateQuery q, Set<Measure> measures) {
    Filter f = q.filter();
    boolean filterKnown = f.categories().isEmpty() && f.apiKeyIds().isEmpty() && f.apps().isEmpty()
        && f.tags().isEmpty(); // the rollup keeps no key, app, category or tag
    boolean measuresKnown = measures == null || measures.stream().allMatch(m -> column(m, q.tokens()) != null);
    return filterKnown && measuresKnown && DIMENSIONS.keySet().containsAll(q.dimensions()) && wholeDays(q) != null;
  }

  /** Returns the first and last whole UTC day's midnights (epoch µs) inside the window, or null if there is none. */
  private static long[] wholeDays(AggregateQuery q) {
    long from = UsageRows.epochMicros(q.from());
    long to = UsageRows.epochMicros(q.to());
    long first = Math.floorDiv(from + DAY_MICROS - 1, DAY_MICROS) * DAY_MICROS;
    long end = Math.floorDiv(to, DAY_MICROS) * DAY_MICROS;
    return first < end ? new long[] {first, end} : null;
  }

  /**
   * Returns SQL selecting, per group, {@code outputs} (Float64 measures or histogram maps, in
   * order) from the rollup's whole days and the raw rows of the partial days.
   *
   * @param groups the raw group expressions; the rollup's come from the dimensions
   */
  static String query(AggregateQuery q, List<String> groups, List<Measure> measures, List<QuantileMetric> histograms) {
    long[] days = wholeDays(q);
    List<Column> columns = measures.isEmpty() && histograms.isEmpty()
        ? List.of(column(Measure.REQUESTS, q.tokens()))
        : java.util.stream.Stream.concat(measures.stream().map(m -> column(m, q.tokens())),
            histograms.stream().map(ClickHouseDailyRollup::histogramColumn)).distinct().toList();
    StringBuilder raw = new StringBuilder("SELECT ");
    StringBuilder rollup = new StringBuilder("SELECT ");
    for (int g = 0; g < groups.size(); g++) {
      raw.append(groups.get(g)).append(" AS g").append(g).append(", ");
    }
    int g = 0;
    if (q.bucket() != null) {
      rollup.append(bucket(q.bucket())).append(" AS g").append(g++).append(", ");
    }
    for (Dimension d : q.dimensions()) {
      rollup.append(DIMENSIONS.get(d)).append(" AS g").append(g++).append(", ");
    }
    raw.append(columns.stream().map(c -> c.state() + " AS " + c.name()).collect(Collectors.joining(", ")));
    rollup.append(columns.stream().map(Column::name).collect(Collectors.joining(", ")));
    raw.append(" FROM usage_records WHERE ((ts_us >= ").append(UsageRows.epochMicros(q.from())).append(" AND ts_us < ")
        .append(days[0]).append(") OR (ts_us >= ").append(days[1]).append(" AND ts_us < ")
        .append(UsageRows.epochMicros(q.to())).append("))");
    ClickHouseSql.filter(q.filter(), raw);
    String keys = java.util.stream.IntStream.range(0, groups.size()).mapToObj(i -> "g" + i).collect(Collectors.joining(", "));
    if (!keys.isEmpty()) {
      raw.append(" GROUP BY ").append(keys);
    }
    rollup.append(" FROM ").append(TABLE).append(" WHERE day >= toDate('").append(day(days[0]))
        .append("') AND day < toDate('").append(day(days[1])).append("')");
    filter(q.filter(), rollup);
    StringBuilder sql = new StringBuilder("SELECT ");
    if (!keys.isEmpty()) {
      sql.append(keys).append(", ");
    }
    sql.append(measures.isEmpty() && histograms.isEmpty()
        ? "toFloat64(countMerge(requests))"
        : java.util.stream.Stream.concat(
            measures.stream().map(m -> column(m, q.tokens())).map(c -> "toFloat64(" + c.merge() + "(" + c.name() + "))"),
            histograms.stream().map(ClickHouseDailyRollup::histogramColumn).map(c -> c.merge() + "(" + c.name() + ")"))
            .collect(Collectors.joining(", ")));
    sql.append(" FROM (").append(raw).append(" UNION ALL ").append(rollup).append(")");
    if (!keys.isEmpty()) {
      sql.append(" GROUP BY ").append(keys).append(" ORDER BY ").append(keys);
    }
    return sql.toString();
  }

  private static String bucket(Bucket bucket) {
    return switch (bucket) {
      case DAY -> "day";
      case WEEK -> "toMonday(day)";
      case MONTH -> "toStartOfMonth(day)";
    };
  }

  private static LocalDate day(long micros) {
    return LocalDate.ofEpochDay(Math.floorDiv(micros, DAY_MICROS));
  }

  /** Appends the filter's predicates as the rollup spells them ({@link #answers} said it can). */
  private static void filter(Filter f, StringBuilder sql) {
    ClickHouseSql.in("model_key", f.models(), sql);
    ClickHouseSql.in("provider_or_none", f.providers(), sql);
    ClickHouseSql.in("author_or_unknown", f.authors(), sql);
    if (f.sources().isEmpty()) {
      sql.append(" AND 0");
    } else if (f.sources().size() < Segment.values().length) {
      ClickHouseSql.in("source", f.sources().stream().map(Segment::label).collect(Collectors.toSet()), sql);
    }
    if (!f.includeByok()) {
      sql.append(" AND byok = 0");
    }
    if (!f.excludedApis().isEmpty()) {
      sql.append(" AND api NOT IN (")
          .append(f.excludedApis().stream().sorted().map(Tsv::literal).collect(Collectors.joining(", "))).append(')');
    }
  }
}
