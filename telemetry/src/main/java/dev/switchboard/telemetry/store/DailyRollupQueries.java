package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Segment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Spells the stats queries that {@link DuckDbDailyRollup}'s tables can answer: the whole UTC days of
 * the window from the rollup, the partial days at its ends from the raw rows, summed together. The
 * answer is the raw scan's (sums of the same values; double sums within rounding).
 */
final class DailyRollupQueries {
  /** The rollup column of each dimension a rollup can keep (the raw column's name). */
  private static final Map<Dimension, String> COLUMNS = new EnumMap<>(Map.ofEntries(
      Map.entry(Dimension.MODEL, "model_key"),
      Map.entry(Dimension.PROVIDER, "provider"),
      Map.entry(Dimension.AUTHOR, "author"),
      Map.entry(Dimension.SIZE_CLASS, "size_class"),
      Map.entry(Dimension.REASONING_MODEL, "reasoning_model"),
      Map.entry(Dimension.SOURCE, "source"),
      Map.entry(Dimension.API, "api"),
      Map.entry(Dimension.CATEGORY, "category"),
      Map.entry(Dimension.SUB_TAG, "sub_tag"),
      Map.entry(Dimension.JUDGE_CATEGORY, "judge_category"),
      Map.entry(Dimension.LANGUAGE, "language"),
      Map.entry(Dimension.APP, "app"),
      Map.entry(Dimension.COUNTRY, "country"),
      Map.entry(Dimension.CONTINENT, "continent"),
      Map.entry(Dimension.FINISH_REASON, "finish_reason"),
      Map.entry(Dimension.OUTCOME, "outcome"),
      Map.entry(Dimension.ERROR_TYPE, "error_type"),
      Map.entry(Dimension.ATTEMPTS, "attempts")));

  private DailyRollupQueries() {}

  /**
   * Returns the columns a rollup needs to answer {@code q}'s grouping and filter, or null when no
   * rollup can (a key or tag filter, a dimension no rollup keeps, no whole day in the window).
   */
  private static Set<String> needed(AggregateQuery q) {
    Filter f = q.filter();
    if (!f.apiKeyIds().isEmpty() || !f.tags().isEmpty() || wholeDays(q) == null) {
      return null;
    }
    Set<String> needed = new HashSet<>();
    for (Dimension d : q.dimensions()) {
      String column = COLUMNS.get(d);
      if (column == null) {
        return null;
      }
      needed.add(column);
    }
    // the columns AggregateSql.filter reads for this filter
    addIf(!f.models().isEmpty(), "model_key", needed);
    addIf(!f.authors().isEmpty(), "author", needed);
    addIf(!f.sources().isEmpty() && f.sources().size() < Segment.values().length, "source", needed);
    addIf(!f.categories().isEmpty(), "category", needed);
    addIf(!f.apps().isEmpty(), "app", needed);
    addIf(!f.providers().isEmpty(), "provider", needed);
    addIf(!f.includeByok(), "byok", needed);
    addIf(!f.excludedApis().isEmpty(), "api", needed);
    return needed;
  }

  private static void addIf(boolean condition, String column, Set<String> needed) {
    if (condition) {
      needed.add(column);
    }
  }

  /** Returns the view of sums that answers {@code q}, or null when raw rows must. */
  static DuckDbDailyRollup.View sumsView(AggregateQuery q) {
    Set<String> needed = needed(q);
    if (needed == null || !q.measures().stream().allMatch(m -> DuckDbDailyRollup.column(m, q.tokens()) != null)) {
      return null;
    }
    return DuckDbDailyRollup.VIEWS.stream().filter(v -> needed.stream().allMatch(v::has)).findFirst().orElse(null);
  }

  /** Returns whether {@code usage_daily_bins} answers the histograms of {@code q}. */
  static boolean binsAnswer(AggregateQuery q) {
    Set<String> needed = needed(q);
    return needed != null && needed.stream().allMatch(DuckDbDailyRollup.BIN_KEYS::has);
  }

  /** Returns whether {@code usage_daily_users} answers {@code q}: distinct users alone, filtered by key at most. */
  static boolean usersAnswer(AggregateQuery q) {
    Filter f = q.filter();
    boolean onlyKeys = f.models().isEmpty() && f.authors().isEmpty() && f.sources().size() == Segment.values().length
        && f.categories().isEmpty() && f.apps().isEmpty() && f.providers().isEmpty() && f.includeByok()
        && f.excludedApis().isEmpty() && f.tags().isEmpty();
    return onlyKeys && q.dimensions().isEmpty() && q.measures().equals(Set.of(Measure.USERS)) && wholeDays(q) != null;
  }

  /** Returns the first and last whole UTC day's midnights (epoch µs) inside the window, or null if there is none. */
  private static long[] wholeDays(AggregateQuery q) {
    long day = DuckDbDailyRollup.DAY_MICROS;
    long first = Math.floorDiv(UsageRows.epochMicros(q.from()) + day - 1, day) * day;
    long end = Math.floorDiv(UsageRows.epochMicros(q.to()), day) * day;
    return first < end ? new long[] {first, end} : null;
  }

  /** Returns the sums per group of {@code groups} (the raw group expressions) from {@code view}, columns as the raw query's. */
  static String sums(
      AggregateQuery q, DuckDbDailyRollup.View view, List<String> groups, List<Measure> measures, List<Object> params) {
    List<DuckDbDailyRollup.Sum> columns = (measures.isEmpty() ? List.of(Measure.REQUESTS) : measures).stream()
        .map(m -> DuckDbDailyRollup.column(m, q.tokens())).toList();
    StringBuilder raw = select(groups);
    raw.append(columns.stream().map(DuckDbDailyRollup.Sum::aggregate).collect(Collectors.joining(", ")));
    partialDays(q, "usage_records", raw, params);
    raw.append(" GROUP BY ALL");
    StringBuilder rollup = select(groups);
    rollup.append(columns.stream().map(c -> "sum(" + c.name() + ")").collect(Collectors.joining(", ")));
    wholeDays(q, view.table(), rollup, params);
    rollup.append(" GROUP BY ALL");
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(keys(groups));
    sql.append(IntStream.range(0, columns.size()).mapToObj(i -> "coalesce(sum(c" + i + "), 0)::DOUBLE")
        .collect(Collectors.joining(", ")));
    sql.append(" FROM (").append(named(raw, groups.size(), columns.size())).append(" UNION ALL ")
        .append(named(rollup, groups.size(), columns.size())).append(')');
    if (!groups.isEmpty()) {
      sql.append(" GROUP BY ALL ORDER BY ALL");
    }
    return sql.toString();
  }

  /** Returns the distinct users per bucket (if any): the pairs of the whole days and of the raw partial days. */
  static String users(AggregateQuery q, List<String> groups, List<Object> params) {
    StringBuilder raw = new StringBuilder("SELECT ts, api_key_id, end_user");
    partialDays(q, "usage_records", raw, params);
    StringBuilder rollup = new StringBuilder("SELECT ts, api_key_id, end_user");
    wholeDays(q, DuckDbDailyRollup.USERS, rollup, params);
    StringBuilder sql = new StringBuilder("SELECT ");
    for (String g : groups) {
      sql.append(g).append(", ");
    }
    sql.append(AggregateSql.measure(Measure.USERS, q.tokens())).append(" FROM (").append(raw).append(" UNION ALL ")
        .append(rollup).append(')');
    if (!groups.isEmpty()) {
      sql.append(" GROUP BY ALL ORDER BY ALL");
    }
    return sql.toString();
  }

  /** Returns rows of the groups, then metric name, bin and count. */
  static String histograms(AggregateQuery q, List<String> groups, List<QuantileMetric> metrics, List<Object> params) {
    List<String> parts = new ArrayList<>();
    for (QuantileMetric m : metrics) {
      String bin = AggregateSql.binColumn(m);
      StringBuilder raw = select(groups);
      raw.append("'").append(m.name()).append("', ").append(bin).append(", count(*)");
      partialDays(q, "usage_records", raw, params);
      raw.append(" AND ").append(bin).append(" IS NOT NULL GROUP BY ALL");
      parts.add(raw.toString());
    }
    StringBuilder rollup = select(groups);
    rollup.append("metric, bin, sum(n)");
    wholeDays(q, DuckDbDailyRollup.BINS, rollup, params);
    rollup.append(" AND metric IN (")
        .append(metrics.stream().map(m -> "'" + m.name() + "'").collect(Collectors.joining(", "))).append(')');
    rollup.append(" GROUP BY ALL");
    parts.add(rollup.toString());
    String names = IntStream.range(0, groups.size()).mapToObj(i -> "g" + i + ", ").collect(Collectors.joining())
        + "metric, bin, n";
    return "SELECT " + keys(groups) + "metric, bin, sum(n) FROM ("
        + parts.stream().map(p -> "SELECT * FROM (" + p + ") AS t(" + names + ")").collect(Collectors.joining(" UNION ALL "))
        + ") GROUP BY ALL";
  }

  private static StringBuilder select(List<String> groups) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (String g : groups) {
      sql.append(g).append(", ");
    }
    return sql;
  }

  private static String keys(List<String> groups) {
    return IntStream.range(0, groups.size()).mapToObj(i -> "g" + i + ", ").collect(Collectors.joining());
  }

  /** Names a part's columns g0.., c0.. so the union's parts line up whatever their expressions. */
  private static String named(StringBuilder part, int groups, int columns) {
    List<String> names = new ArrayList<>();
    IntStream.range(0, groups).forEach(i -> names.add("g" + i));
    IntStream.range(0, columns).forEach(i -> names.add("c" + i));
    return "SELECT * FROM (" + part + ") AS t(" + String.join(", ", names) + ")";
  }

  /** Appends {@code FROM table WHERE} the raw rows of the window's partial first and last day, and the filter. */
  private static void partialDays(AggregateQuery q, String table, StringBuilder sql, List<Object> params) {
    long[] days = wholeDays(q);
    sql.append(" FROM ").append(table).append(" WHERE ((ts >= make_timestamp(?) AND ts < make_timestamp(?))")
        .append(" OR (ts >= make_timestamp(?) AND ts < make_timestamp(?)))");
    params.add(UsageRows.epochMicros(q.from()));
    params.add(days[0]);
    params.add(days[1]);
    params.add(UsageRows.epochMicros(q.to()));
    AggregateSql.filter(q.filter(), sql, params);
  }

  /** Appends {@code FROM table WHERE} the window's whole days, and the filter (the rollup has the filter's columns). */
  private static void wholeDays(AggregateQuery q, String table, StringBuilder sql, List<Object> params) {
    long[] days = wholeDays(q);
    sql.append(" FROM ").append(table).append(" WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?)");
    params.add(days[0]);
    params.add(days[1]);
    AggregateSql.filter(q.filter(), sql, params);
  }
}
