package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.CohortRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Extent;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.HistogramRow;
import dev.switchboard.telemetry.stats.Segment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers the stats aggregate queries in SQL over a {@link DuckDbUsageStore}, each on its own
 * reader connection; cohorts come from the rollup tables the store maintains on append, and what
 * the daily rollups hold from them ({@link DailyRollupQueries}).
 */
public final class DuckDbAggregateSource implements AggregateSource {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuckDbAggregateSource.class);
  private final DuckDbUsageStore store;
  private final boolean dailyRollups;

  public DuckDbAggregateSource(DuckDbUsageStore store) {
    this(store, true);
  }

  private DuckDbAggregateSource(DuckDbUsageStore store, boolean dailyRollups) {
    this.store = store;
    this.dailyRollups = dailyRollups;
  }

  /** Returns a source that never reads the daily rollups: what they must equal (tests, benchmarks). */
  static DuckDbAggregateSource rawRowsOnly(DuckDbUsageStore store) {
    return new DuckDbAggregateSource(store, false);
  }

  @Override
  public List<AggregateRow> aggregate(AggregateQuery q) {
    List<Measure> measures = q.measures().stream().sorted().toList();
    List<Object> params = new ArrayList<>();
    List<String> groups = groups(q);
    StringBuilder sql = new StringBuilder();
    DuckDbDailyRollup.View view = dailyRollups ? DailyRollupQueries.sumsView(q) : null;
    if (dailyRollups && DailyRollupQueries.usersAnswer(q)) {
      sql.append(DailyRollupQueries.users(q, groups, params));
    } else if (view != null) {
      sql.append(DailyRollupQueries.sums(q, view, groups, measures, params));
    } else {
      sql.append("SELECT ");
      for (String g : groups) {
        sql.append(g).append(", ");
      }
      sql.append(
          measures.isEmpty()
              ? "count(*)::DOUBLE"
              : measures.stream().map(m -> AggregateSql.measure(m, q.tokens())).collect(Collectors.joining(", ")));
      where(q, sql, params, null);
      groupBy(groups, sql);
    }
    return run(sql.toString(), params, rs -> {
      int c = 1;
      LocalDate bucket = q.bucket() == null ? null : rs.getObject(c++, LocalDate.class);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < q.dimensions().size(); i++) {
        keys.add(rs.getString(c++));
      }
      Map<Measure, Double> values = new EnumMap<>(Measure.class);
      for (Measure m : measures) {
        values.put(m, rs.getDouble(c++));
      }
      return new AggregateRow(bucket, keys, values);
    });
  }

  @Override
  public List<HistogramRow> histograms(AggregateQuery q, Set<QuantileMetric> metrics) {
    List<QuantileMetric> order = metrics.stream().sorted().toList();
    List<Object> params = new ArrayList<>();
    List<String> groups = groups(q);
    if (order.isEmpty()) {
      return List.of();
    }
    if (dailyRollups && DailyRollupQueries.binsAnswer(q)) {
      String rollup = DailyRollupQueries.histograms(q, groups, order, params);
      return run(rollup, params, rs -> {
        int c = 1;
        LocalDate bucket = q.bucket() == null ? null : rs.getObject(c++, LocalDate.class);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < q.dimensions().size(); i++) {
          keys.add(rs.getString(c++));
        }
        return new HistogramRow(bucket, keys, QuantileMetric.valueOf(rs.getString(c)), rs.getInt(c + 1), rs.getLong(c + 2));
      });
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int g = 0; g < groups.size(); g++) {
      sql.append(groups.get(g)).append(" AS g").append(g).append(", ");
    }
    // One bin column per metric (NULL where the metric does not apply) and one grouping set per
    // metric: every histogram comes from a single scan.
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      // Bins are computed once, when the record is written.
      sql.append(AggregateSql.binColumn(order.get(i))).append(" AS bin").append(i).append(", ");
      List<String> set = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        set.add("g" + g);
      }
      set.add("bin" + i);
      sets.add("(" + String.join(", ", set) + ")");
    }
    sql.append("count(*)");
    where(q, sql, params, null);
    sql.append(" GROUP BY GROUPING SETS (").append(String.join(", ", sets)).append(")");
    return run(sql.toString(), params, rs -> {
      int c = 1;
      LocalDate bucket = q.bucket() == null ? null : rs.getObject(c++, LocalDate.class);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < q.dimensions().size(); i++) {
        keys.add(rs.getString(c++));
      }
      QuantileMetric metric = null;
      int bin = 0;
      for (int i = 0; i < order.size(); i++) {
        int b = rs.getInt(c + i);
        if (!rs.wasNull()) {
          metric = order.get(i);
          bin = b;
        }
      }
      return metric == null ? null : new HistogramRow(bucket, keys, metric, bin, rs.getLong(c + order.size()));
    }).stream().filter(java.util.Objects::nonNull).toList();
  }

  @Override
  public List<CohortRow> cohorts(Instant from, Instant to, Filter filter) {
    List<Object> params = new ArrayList<>();
    if (UsageRollups.answers(filter)) {
      return run(monthlyCohorts(from, to, filter, params), params, DuckDbAggregateSource::cohortRow);
    }
    // The rollup knows only key, user, model, author and source: other filters scan raw rows.
    StringBuilder sql = new StringBuilder("SELECT f.model, f.first_month, a.month, count(*) FROM ");
    String ids =
        AggregateSql.USER_KEY + " AS api_key_id, " + AggregateSql.END_USER + " AS end_user, "
            + AggregateSql.MODEL + " AS model";
    sql.append("(SELECT ").append(ids).append(", min(date_trunc('month', ts))::DATE AS first_month");
    rawWhere(filter, sql, params);
    sql.append(") f JOIN (SELECT ").append(ids).append(", date_trunc('month', ts)::DATE AS month");
    rawWhere(filter, sql, params);
    sql.append(") a");
    sql.append(" ON a.api_key_id = f.api_key_id AND a.end_user = f.end_user AND a.model = f.model")
        .append(" WHERE f.first_month >= date_trunc('month', make_timestamp(?)) AND f.first_month < make_timestamp(?)")
        .append(" AND a.month < make_timestamp(?)");
    params.add(UsageRows.epochMicros(from));
    params.add(UsageRows.epochMicros(to));
    params.add(UsageRows.epochMicros(to));
    sql.append(" GROUP BY ALL ORDER BY 1, 2, 3");
    return run(sql.toString(), params, DuckDbAggregateSource::cohortRow);
  }

  private static CohortRow cohortRow(ResultSet rs) throws SQLException {
    return new CohortRow(rs.getString(1), YearMonth.from(rs.getObject(2, LocalDate.class)),
        YearMonth.from(rs.getObject(3, LocalDate.class)), rs.getLong(4));
  }

  /**
   * Returns the cohort query over the monthly rollup. Each (key, end user, model) is joined by a
   * 64-bit hash of the three, and only months, authors and sources (short strings DuckDB keeps
   * inline) are aggregated per hash: grouping and joining on the three strings took most of the
   * 64 MB memory limit on 10M records, and with a writer appending at the same time its commit
   * ran out of memory. With 300,000 triples the chance of any collision is about 2e-9.
   */
  private static String monthlyCohorts(Instant from, Instant to, Filter filter, List<Object> params) {
    String triple = "hash(api_key_id, end_user, model)";
    StringBuilder sql = new StringBuilder("SELECT a.model, f.first_month, a.month, count(*) FROM (SELECT ")
        .append(triple).append(" AS h, min(month) AS first_month, arg_min(author, month) AS author,")
        .append(" arg_min(source, month) AS source FROM ").append(UsageRollups.MONTHLY).append(" WHERE true");
    // the model and the key are the triple's own: filtering its rows is filtering the triple
    inList("model", filter.models(), sql, params);
    inList("api_key_id", filter.apiKeyIds(), sql, params);
    sql.append(" GROUP BY h) f JOIN (SELECT ").append(triple).append(" AS h, model, month FROM ")
        .append(UsageRollups.MONTHLY).append(" WHERE month < make_timestamp(?)) a ON a.h = f.h")
        .append(" WHERE f.first_month >= date_trunc('month', make_timestamp(?)) AND f.first_month < make_timestamp(?)");
    params.add(UsageRows.epochMicros(to));
    params.add(UsageRows.epochMicros(from));
    params.add(UsageRows.epochMicros(to));
    inList("f.author", filter.authors(), sql, params);
    if (filter.sources().size() < Segment.values().length) {
      inList("f.source", filter.sources().stream().map(Segment::label).collect(Collectors.toSet()), sql, params);
      if (filter.sources().isEmpty()) {
        sql.append(" AND false");
      }
    }
    return sql.append(" GROUP BY ALL ORDER BY 1, 2, 3").toString();
  }

  private static void rawWhere(Filter filter, StringBuilder sql, List<Object> params) {
    sql.append(" FROM usage_records WHERE ").append(AggregateSql.COHORT_PREDICATE);
    AggregateSql.filter(filter, sql, params);
    sql.append(" GROUP BY ALL");
  }

  @Override
  public Optional<Extent> extent(Filter filter) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT epoch_us(min(ts)), epoch_us(max(ts)) FROM usage_records WHERE true");
    AggregateSql.filter(filter, sql, params);
    List<Optional<Extent>> rows = run(sql.toString(), params, rs -> {
      long first = rs.getLong(1);
      if (rs.wasNull()) {
        return Optional.empty();
      }
      return Optional.of(new Extent(UsageRows.fromEpochMicros(first), UsageRows.fromEpochMicros(rs.getLong(2))));
    });
    return rows.get(0);
  }

  private static List<String> groups(AggregateQuery q) {
    List<String> groups = new ArrayList<>();
    if (q.bucket() != null) {
      groups.add(AggregateSql.bucket(q.bucket()));
    }
    for (Dimension d : q.dimensions()) {
      groups.add(AggregateSql.dimension(d));
    }
    return groups;
  }

  private static void where(AggregateQuery q, StringBuilder sql, List<Object> params, String extra) {
    // Bounds are bound as epoch microseconds so no JDBC time-zone conversion can shift them.
    sql.append(" FROM ").append(AggregateSql.source(q.dimensions()))
        .append(" WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?)");
    params.add(UsageRows.epochMicros(q.from()));
    params.add(UsageRows.epochMicros(q.to()));
    if (extra != null) {
      sql.append(" AND ").append(extra);
    }
    AggregateSql.filter(q.filter(), sql, params);
  }

  private static void groupBy(List<String> groups, StringBuilder sql) {
    if (!groups.isEmpty()) {
      sql.append(" GROUP BY ALL ORDER BY ALL");
    }
  }

  private static void inList(String column, java.util.Set<String> values, StringBuilder sql, List<Object> params) {
    if (values.isEmpty()) {
      return;
    }
    sql.append(" AND ").append(column).append(" IN (");
    List<String> sorted = values.stream().sorted().toList();
    for (int i = 0; i < sorted.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
      params.add(sorted.get(i));
    }
    sql.append(')');
  }

  private <T> List<T> run(String sql, List<Object> params, RowReader<T> reader) {
    try {
      return runOnce(sql, params, reader);
    } catch (SQLException e) {
      if (!outOfMemory(e)) {
        throw new UsageStoreException("stats query failed", e);
      }
      // Under concurrent ingestion the rows appended since the last checkpoint hold much of the
      // memory limit; a checkpoint writes them to the file and frees their buffers, then the
      // query gets the room it needs (what still does not fit spills to the temp directory).
      LOG.info("stats query ran out of DuckDB memory under its limit; checkpointing and trying again");
      store.checkpointQuietly();
      try {
        return runOnce(sql, params, reader);
      } catch (SQLException again) {
        again.addSuppressed(e);
        throw new UsageStoreException("stats query failed", again);
      }
    }
  }

  static boolean outOfMemory(SQLException e) {
    return e.getMessage() != null && e.getMessage().contains("Out of Memory Error");
  }

  private <T> List<T> runOnce(String sql, List<Object> params, RowReader<T> reader) throws SQLException {
    java.util.concurrent.locks.Lock turn = store.statsQueryTurn();
    try {
      return query(sql, params, reader);
    } finally {
      turn.unlock();
    }
  }

  private <T> List<T> query(String sql, List<Object> params, RowReader<T> reader) throws SQLException {
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(reader.read(rs));
        }
      }
      return rows;
    }
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }
}
