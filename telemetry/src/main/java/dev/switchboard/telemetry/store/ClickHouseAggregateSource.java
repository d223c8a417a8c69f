package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.CohortRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Extent;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.HistogramRow;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Segment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers the stats aggregate queries in ClickHouse SQL (18.16 and later) over a {@link
 * ClickHouseUsageStore}, with the same results as {@link DuckDbAggregateSource}: groups ordered by
 * their keys, histograms from one scan, cohorts from the monthly activity rollup, and what the
 * daily rollup holds from it ({@link ClickHouseDailyRollup}).
 */
public final class ClickHouseAggregateSource implements AggregateSource {
  private final ClickHouseUsageStore store;

  ClickHouseAggregateSource(ClickHouseUsageStore store) {
    this.store = store;
  }

  @Override
  public List<AggregateRow> aggregate(AggregateQuery q) {
    List<Measure> measures = q.measures().stream().sorted().toList();
    List<String> groups = groups(q);
    StringBuilder sql = new StringBuilder();
    if (ClickHouseDailyRollup.answers(q, q.measures())) {
      sql.append(ClickHouseDailyRollup.query(q, groups, measures, List.of()));
    } else {
      rawAggregate(q, groups, measures, sql);
    }
    List<AggregateRow> rows = new ArrayList<>();
    for (String[] f : Tsv.rows(store.query(sql.append(" FORMAT TabSeparated").toString()))) {
      LocalDate bucket = q.bucket() == null ? null : LocalDate.parse(f[0]);
      List<String> keys = keys(q, f);
      int c = (q.bucket() == null ? 0 : 1) + keys.size();
      Map<Measure, Double> values = new EnumMap<>(Measure.class);
      for (Measure m : measures) {
        values.put(m, Double.parseDouble(f[c++]));
      }
      rows.add(new AggregateRow(bucket, keys, values));
    }
    return rows;
  }

  private static void rawAggregate(AggregateQuery q, List<String> groups, List<Measure> measures, StringBuilder sql) {
    sql.append("SELECT ");
    for (int g = 0; g < groups.size(); g++) {
      sql.append(groups.get(g)).append(" AS g").append(g).append(", ");
    }
    sql.append(measures.isEmpty()
        ? "toFloat64(count())"
        : measures.stream().map(m -> ClickHouseSql.measure(m, q.tokens())).collect(Collectors.joining(", ")));
    where(q, sql);
    groupBy(groups.size(), sql, "");
  }

  @Override
  public List<HistogramRow> histograms(AggregateQuery q, Set<QuantileMetric> metrics) {
    List<QuantileMetric> order = metrics.stream().sorted().toList();
    if (order.isEmpty()) {
      return List.of();
    }
    List<String> groups = groups(q);
    StringBuilder sql = new StringBuilder();
    if (ClickHouseDailyRollup.answers(q, null)) {
      sql.append(ClickHouseDailyRollup.query(q, groups, List.of(), order));
    } else {
      sql.append("SELECT ");
      for (int g = 0; g < groups.size(); g++) {
        sql.append(groups.get(g)).append(" AS g").append(g).append(", ");
      }
      // One sumMap (bin -> count) per metric: every histogram from a single scan without multiplying
      // rows (18.16 has no GROUPING SETS, 24.x would allow the DuckDB form). Rows where a metric does
      // not apply count 0, and sumMap drops zero counts.
      for (int i = 0; i < order.size(); i++) {
        String bin = ClickHouseSql.binColumn(order.get(i));
        sql.append(i == 0 ? "" : ", ").append("sumMap([").append(bin).append("], [toUInt64(").append(bin)
            .append(" != ").append(ClickHouseSql.NO_BIN).append(")])");
      }
      where(q, sql);
      groupBy(groups.size(), sql, "");
    }
    List<HistogramRow> rows = new ArrayList<>();
    for (String[] f : Tsv.rows(store.query(sql.append(" FORMAT TabSeparated").toString()))) {
      LocalDate bucket = q.bucket() == null ? null : LocalDate.parse(f[0]);
      List<String> keys = keys(q, f);
      int c = (q.bucket() == null ? 0 : 1) + keys.size();
      for (int i = 0; i < order.size(); i++) {
        long[][] map = sumMap(f[c + i]);
        for (int b = 0; b < map[0].length; b++) {
          rows.add(new HistogramRow(bucket, keys, order.get(i), (int) map[0][b], map[1][b]));
        }
      }
    }
    return rows;
  }

  /** Parses a sumMap answer, {@code ([k1,k2],[v1,v2])}, into its keys and values. */
  static long[][] sumMap(String text) {
    int split = text.indexOf("],[");
    return new long[][] {numbers(text.substring(2, split)), numbers(text.substring(split + 3, text.length() - 2))};
  }

  private static long[] numbers(String list) {
    if (list.isEmpty()) {
      return new long[0];
    }
    String[] parts = list.split(",");
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = Long.parseLong(parts[i]);
    }
    return values;
  }

  @Override
  public List<CohortRow> cohorts(Instant from, Instant to, Filter filter) {
    LocalDate firstMonth = LocalDate.ofInstant(from, ZoneOffset.UTC).withDayOfMonth(1);
    // A month (its first day at 00:00) is before `to` exactly when it is on or before this day.
    LocalDate lastDay = LocalDate.ofInstant(to.minusNanos(1_000), ZoneOffset.UTC);
    StringBuilder months = new StringBuilder();
    if (UsageRollups.answers(filter)) {
      months.append("SELECT key_id, user_id, model, month, argMinMerge(first_author) AS m_author,"
          + " argMinMerge(first_source) AS m_source FROM ").append(ClickHouseSchema.MONTHLY).append(" WHERE 1");
      ClickHouseSql.in("model", filter.models(), months);
      ClickHouseSql.in("key_id", filter.apiKeyIds(), months);
      months.append(" GROUP BY key_id, user_id, model, month");
    } else {
      // The rollup knows only key, user, model, author and source: other filters scan raw rows.
      months.append("SELECT ").append(ClickHouseSql.USER_KEY).append(" AS key_id, ").append(ClickHouseSql.END_USER)
          .append(" AS user_id, model_key AS model, toStartOfMonth(ts) AS month,")
          .append(" argMin(ifNull(author, 'unknown'), ts_us) AS m_author, argMin(source, ts_us) AS m_source")
          .append(" FROM usage_records WHERE ").append(ClickHouseSql.COHORT_PREDICATE);
      ClickHouseSql.filter(filter, months);
      months.append(" GROUP BY key_id, user_id, model, month");
    }
    // Per user and model: the first month, the author and source then, and every active month.
    StringBuilder sql = new StringBuilder("SELECT model, first_month, active_month, count() FROM (")
        .append("SELECT model, min(month) AS first_month, argMin(m_author, month) AS f_author,")
        .append(" argMin(m_source, month) AS f_source, groupArray(month) AS active_months FROM (")
        .append(months).append(") GROUP BY key_id, user_id, model) ARRAY JOIN active_months AS active_month")
        .append(" WHERE first_month >= toDate('").append(firstMonth).append("') AND first_month <= toDate('")
        .append(lastDay).append("') AND active_month <= toDate('").append(lastDay).append("')");
    if (UsageRollups.answers(filter)) {
      ClickHouseSql.in("f_author", filter.authors(), sql);
      if (filter.sources().isEmpty()) {
        sql.append(" AND 0");
      } else if (filter.sources().size() < Segment.values().length) {
        ClickHouseSql.in("f_source", filter.sources().stream().map(Segment::label).collect(Collectors.toSet()), sql);
      }
    }
    sql.append(" GROUP BY model, first_month, active_month ORDER BY model, first_month, active_month FORMAT TabSeparated");
    List<CohortRow> rows = new ArrayList<>();
    for (String[] f : Tsv.rows(store.query(sql.toString()))) {
      rows.add(new CohortRow(f[0], YearMonth.from(LocalDate.parse(f[1])), YearMonth.from(LocalDate.parse(f[2])), Long.parseLong(f[3])));
    }
    return rows;
  }

  @Override
  public Optional<Extent> extent(Filter filter) {
    StringBuilder sql = new StringBuilder("SELECT count(), min(ts_us), max(ts_us) FROM usage_records WHERE 1");
    ClickHouseSql.filter(filter, sql);
    String[] f = Tsv.rows(store.query(sql.append(" FORMAT TabSeparated").toString())).get(0);
    if (Long.parseLong(f[0]) == 0) {
      return Optional.empty();
    }
    return Optional.of(new Extent(UsageRows.fromEpochMicros(Long.parseLong(f[1])), UsageRows.fromEpochMicros(Long.parseLong(f[2]))));
  }

  /** Returns the dimension values of a row whose group columns lead (bucket first, if any). */
  private static List<String> keys(AggregateQuery q, String[] f) {
    int first = q.bucket() == null ? 0 : 1;
    return java.util.Arrays.asList(f).subList(first, first + q.dimensions().size());
  }

  private static List<String> groups(AggregateQuery q) {
    List<String> groups = new ArrayList<>();
    if (q.bucket() != null) {
      groups.add(ClickHouseSql.bucket(q.bucket()));
    }
    for (Dimension d : q.dimensions()) {
      groups.add(ClickHouseSql.dimension(d));
    }
    return groups;
  }

  private static void where(AggregateQuery q, StringBuilder sql) {
    sql.append(" FROM usage_records WHERE 1");
    window(q, sql);
  }

  private static void window(AggregateQuery q, StringBuilder sql) {
    sql.append(" AND ts_us >= ").append(UsageRows.epochMicros(q.from()))
        .append(" AND ts_us < ").append(UsageRows.epochMicros(q.to()));
    ClickHouseSql.filter(q.filter(), sql);
  }

  private static void groupBy(int groups, StringBuilder sql, String extra) {
    if (groups == 0 && extra.isEmpty()) {
      return;
    }
    String keys = java.util.stream.IntStream.range(0, groups).mapToObj(g -> "g" + g).collect(Collectors.joining(", "));
    String all = keys.isEmpty() ? extra.substring(2) : keys + extra;
    sql.append(" GROUP BY ").append(all).append(" ORDER BY ").append(all);
  }
}
