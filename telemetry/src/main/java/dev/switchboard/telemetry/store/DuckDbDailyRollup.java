package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.Segment;
import dev.switchboard.telemetry.stats.TokenMode;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The daily rollups of {@code usage_records} in DuckDB, kept by every append in its transaction:
 * per UTC day, model, provider, author, size class, reasoning flag, source, ingress API, BYOK flag
 * and category, every sum and count the stats use ({@code usage_daily}); per the same keys but the
 * category, the latency, TTFT and tokens-per-second {@link dev.switchboard.telemetry.stats.LogBins}
 * histograms ({@code usage_daily_bins}); and the (key, user field) pairs active each day ({@code
 * usage_daily_users}), for distinct users. Key columns carry the raw columns' names and values (the
 * day in {@code ts}, at midnight), so the stats SQL of {@link AggregateSql} reads them unchanged.
 *
 * <p>Each append adds its batch's groups as rows of their own; once enough have piled up, the days
 * they touched are folded into one row per group ({@link Pending}). Queries sum over the rows, so
 * an unfolded day gives the same answer, only from more rows. {@link DailyRollupQueries} reads them.
 */
final class DuckDbDailyRollup {
  static final String SUMS = "usage_daily";
  static final String BINS = "usage_daily_bins";
  static final String USERS = "usage_daily_users";
  static final long DAY_MICROS = 86_400_000_000L;
  /** Rows appended since the last fold past which the touched days are folded. */
  private static final int FOLD_AFTER_ROWS = 50_000;

  /** The key columns of the sums and histograms, as in {@code usage_records}; the sums add category. */
  static final String KEYS =
      "ts, model_key, provider, author, size_class, reasoning_model, source, api, byok";

  private static final String KEY_TYPES =
      "ts TIMESTAMP NOT NULL, model_key VARCHAR, provider VARCHAR, author VARCHAR, size_class VARCHAR,"
          + " reasoning_model BOOLEAN, source VARCHAR, api VARCHAR, byok BOOLEAN NOT NULL";

  /** One sum column: the measure (and token mode, null for either) it answers and its value per record. */
  record Sum(String name, Measure measure, TokenMode mode, boolean real, ToDoubleFunction<UsageRecord> value) {
    /** Returns the SQL aggregate computing this column from raw rows. */
    String aggregate() {
      return AggregateSql.aggregate(measure, mode == null ? TokenMode.NATIVE : mode);
    }
  }

  static final List<Sum> SUM_COLUMNS = List.of(
      count("requests", Measure.REQUESTS, null, r -> true),
      count("reported_native", Measure.REPORTED_REQUESTS, TokenMode.NATIVE, r -> reported(r, TokenMode.NATIVE)),
      count("reported_normalized", Measure.REPORTED_REQUESTS, TokenMode.NORMALIZED,
          r -> reported(r, TokenMode.NORMALIZED)),
      sum("tokens_native", Measure.TOKENS, TokenMode.NATIVE, r -> tokens(r, TokenMode.NATIVE)),
      sum("tokens_normalized", Measure.TOKENS, TokenMode.NORMALIZED, r -> tokens(r, TokenMode.NORMALIZED)),
      sum("prompt_tokens", Measure.PROMPT_TOKENS, TokenMode.NATIVE, r -> orZero(usage(r).promptTokens())),
      sum("completion_tokens", Measure.NATIVE_COMPLETION_TOKENS, null, r -> orZero(usage(r).completionTokens())),
      sum("reasoning_tokens", Measure.REASONING_TOKENS, null, r -> orZero(usage(r).reasoningTokens())),
      sum("cached_read_tokens", Measure.CACHED_READ_TOKENS, null, r -> orZero(usage(r).cachedReadTokens())),
      sum("cache_write_tokens", Measure.CACHE_WRITE_TOKENS, null, r -> orZero(usage(r).cacheWriteTokens())),
      sum("normalized_prompt_tokens", Measure.NORMALIZED_PROMPT_TOKENS, null, r -> orZero(r.normalizedPromptTokens())),
      sum("normalized_completion_tokens", Measure.NORMALIZED_COMPLETION_TOKENS, null,
          r -> orZero(r.normalizedCompletionTokens())),
      new Sum("cost_usd", Measure.COST_USD, null, true, r -> r.costUsd() == null ? 0 : r.costUsd()),
      new Sum("priced_cost_native", Measure.PRICED_COST_USD, TokenMode.NATIVE, true,
          r -> priced(r, TokenMode.NATIVE) ? r.costUsd() : 0),
      new Sum("priced_cost_normalized", Measure.PRICED_COST_USD, TokenMode.NORMALIZED, true,
          r -> priced(r, TokenMode.NORMALIZED) ? r.costUsd() : 0),
      sum("priced_tokens_native", Measure.PRICED_TOKENS, TokenMode.NATIVE,
          r -> priced(r, TokenMode.NATIVE) ? tokens(r, TokenMode.NATIVE) : 0),
      sum("priced_tokens_normalized", Measure.PRICED_TOKENS, TokenMode.NORMALIZED,
          r -> priced(r, TokenMode.NORMALIZED) ? tokens(r, TokenMode.NORMALIZED) : 0),
      count("errors", Measure.ERRORS, null, r -> r.outcome() != Outcome.SUCCESS && r.outcome() != Outcome.CANCELLED),
      count("cancelled", Measure.CANCELLED, null, r -> r.outcome() == Outcome.CANCELLED),
      count("streamed_requests", Measure.STREAMED_REQUESTS, null, UsageRecord::streamed),
      count("tools_offered_requests", Measure.TOOLS_OFFERED_REQUESTS, null, UsageRecord::toolsOffered),
      sum("attempts", Measure.ATTEMPTS, null, UsageRecord::attempts),
      count("retried_requests", Measure.RETRIED_REQUESTS, null, r -> r.attempts() > 1),
      sum("latency_ms", Measure.LATENCY_MS, null, UsageRecord::latencyMs),
      sum("ttft_ms", Measure.TTFT_MS, null, r -> orZero(r.ttftMs())),
      count("ttft_requests", Measure.TTFT_REQUESTS, null, r -> r.ttftMs() != null));

  private static Sum sum(String name, Measure measure, TokenMode mode, ToDoubleFunction<UsageRecord> value) {
    return new Sum(name, measure, mode, false, value);
  }

  private static Sum count(String name, Measure measure, TokenMode mode, java.util.function.Predicate<UsageRecord> counted) {
    return new Sum(name, measure, mode, false, r -> counted.test(r) ? 1 : 0);
  }

  static final List<String> CREATE = List.of(
      "CREATE TABLE IF NOT EXISTS " + SUMS + " (" + KEY_TYPES + ", category VARCHAR, "
          + SUM_COLUMNS.stream().map(c -> c.name() + (c.real() ? " DOUBLE" : " BIGINT")).collect(Collectors.joining(", "))
          + ")",
      "CREATE TABLE IF NOT EXISTS " + BINS + " (" + KEY_TYPES + ", metric VARCHAR NOT NULL, bin INTEGER NOT NULL,"
          + " n BIGINT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS " + USERS + " (ts TIMESTAMP NOT NULL, api_key_id VARCHAR, end_user VARCHAR)");

  private static final String DAY = "date_trunc('day', ts)";
  private static final String RAW_KEYS = KEYS.replaceFirst("ts", DAY);

  /** Holds one row once the rollups hold every stored record (a store of an earlier build is backfilled first). */
  private static final String STATE = "usage_daily_state";

  /** Returns the statements filling the rollups from the raw rows matching {@code range} (a predicate). */
  private static List<String> backfill(String range) {
    List<String> sql = new java.util.ArrayList<>();
    sql.add("INSERT INTO " + SUMS + " SELECT " + RAW_KEYS + ", category, "
        + SUM_COLUMNS.stream().map(Sum::aggregate).collect(Collectors.joining(", "))
        + " FROM usage_records WHERE " + range + " GROUP BY ALL");
    for (QuantileMetric m : QuantileMetric.values()) {
      String bin = AggregateSql.binColumn(m);
      sql.add("INSERT INTO " + BINS + " SELECT " + RAW_KEYS + ", '" + m.name() + "', " + bin + ", count(*)"
          + " FROM usage_records WHERE " + range + " AND " + bin + " IS NOT NULL GROUP BY ALL");
    }
    sql.add("INSERT INTO " + USERS + " SELECT DISTINCT " + DAY + ", api_key_id, end_user FROM usage_records WHERE " + range);
    return sql;
  }

  /**
   * Creates the rollups and, for a store written before they existed, fills them from the stored
   * rows one month per transaction (a single one ran out of the 64 MB memory limit on 10M records);
   * a fill cut short by a crash starts over on the next open, since the state row comes last.
   */
  static void ensure(java.sql.Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      for (String create : CREATE) {
        st.execute(create);
      }
      st.execute("CREATE TABLE IF NOT EXISTS " + STATE + " (complete BOOLEAN NOT NULL)");
      try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM " + STATE)) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return;
        }
      }
      List<java.time.LocalDate> months = new java.util.ArrayList<>();
      try (java.sql.ResultSet rs =
          st.executeQuery("SELECT DISTINCT date_trunc('month', ts)::DATE FROM usage_records ORDER BY 1")) {
        while (rs.next()) {
          months.add(rs.getObject(1, java.time.LocalDate.class));
        }
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        for (String table : List.of(SUMS, BINS, USERS)) {
          st.execute("DELETE FROM " + table);
        }
        connection.commit();
        for (java.time.LocalDate month : months) {
          for (String fill : backfill("ts >= DATE '" + month + "' AND ts < DATE '" + month.plusMonths(1) + "'")) {
            st.execute(fill);
          }
          connection.commit();
        }
        st.execute("INSERT INTO " + STATE + " VALUES (true)");
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private DuckDbDailyRollup() {}

  /** Returns the sum column answering {@code m} in {@code mode}, or null when the rollup has none. */
  static Sum column(Measure m, TokenMode mode) {
    Measure canonical = switch (m) {
      case PROMPT_TOKENS -> mode == TokenMode.NATIVE ? m : Measure.NORMALIZED_PROMPT_TOKENS;
      case COMPLETION_TOKENS -> mode == TokenMode.NATIVE ? Measure.NATIVE_COMPLETION_TOKENS : Measure.NORMALIZED_COMPLETION_TOKENS;
      default -> m;
    };
    for (Sum c : SUM_COLUMNS) {
      if (c.measure() == canonical && (c.mode() == null || c.mode() == mode)) {
        return c;
      }
    }
    return null;
  }

  private static TokenUsage usage(UsageRecord r) {
    return r.usage() == null ? TokenUsage.unknown() : r.usage();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static Long prompt(UsageRecord r, TokenMode mode) {
    return mode == TokenMode.NATIVE ? usage(r).promptTokens() : r.normalizedPromptTokens();
  }

  private static Long completion(UsageRecord r, TokenMode mode) {
    return mode == TokenMode.NATIVE ? usage(r).completionTokens() : r.normalizedCompletionTokens();
  }

  private static boolean reported(UsageRecord r, TokenMode mode) {
    return prompt(r, mode) != null || completion(r, mode) != null;
  }

  private static long tokens(UsageRecord r, TokenMode mode) {
    return orZero(prompt(r, mode)) + orZero(completion(r, mode));
  }

  private static boolean priced(UsageRecord r, TokenMode mode) {
    return r.costUsd() != null && r.costUsd() > 0 && tokens(r, mode) > 0;
  }

  /** A group of the sums (category set) or of the histograms (category null), as the raw columns hold it. */
  record Key(long day, String model, String provider, String author, String sizeClass, Boolean reasoning,
      String source, String api, boolean byok, String category) {
    static Key of(UsageRecord r) {
      ModelFacts m = r.model() == null ? ModelFacts.unknown() : r.model();
      long micros = UsageRows.epochMicros(r.timestamp());
      return new Key(Math.floorDiv(micros, DAY_MICROS) * DAY_MICROS, UsageRows.modelKey(r), r.provider(),
          m.author(), m.sizeClass() == null ? null : m.sizeClass().label(), m.reasoning(),
          Segment.of(m.openWeights(), m.originCountry()).label(), r.api(), r.byok(),
          r.classification().category() == null ? null : r.classification().category().label());
    }

    Key withoutCategory() {
      return new Key(day, model, provider, author, sizeClass, reasoning, source, api, byok, null);
    }

    void append(DuckDBAppender a) throws SQLException {
      a.beginRow();
      a.appendEpochMicros(day);
      a.append(model);
      a.append(provider);
      a.append(author);
      a.append(sizeClass);
      a.append(reasoning);
      a.append(source);
      a.append(api);
      a.append(byok);
    }
  }

  record BinKey(Key key, QuantileMetric metric, int bin) {}

  record UserDay(long day, String apiKeyId, String endUser) {}

  /**
   * What the writer appended since it last folded: the days touched and how many rows. Confined to
   * the store's writer (callers hold its lock); lost on restart, which only leaves those days'
   * rows unfolded until they are touched again.
   */
  static final class Pending {
    private final Set<Long> days = new TreeSet<>();
    private long rows;
  }

  /** Adds the batch's groups to the rollups on the writer's open transaction, folding once enough piled up. */
  static void apply(DuckDBConnection writer, List<UsageRecord> records, Pending pending) throws SQLException {
    Map<Key, double[]> sums = new HashMap<>();
    Map<BinKey, long[]> bins = new HashMap<>();
    Set<UserDay> users = new HashSet<>();
    for (UsageRecord r : records) {
      Key key = Key.of(r);
      double[] values = sums.computeIfAbsent(key, k -> new double[SUM_COLUMNS.size()]);
      for (int i = 0; i < values.length; i++) {
        values[i] += SUM_COLUMNS.get(i).value().applyAsDouble(r);
      }
      Integer[] recordBins = UsageRows.bins(r);
      Key binKey = null;
      for (QuantileMetric m : QuantileMetric.values()) {
        Integer bin = recordBins[m.ordinal()];
        if (bin != null) {
          binKey = binKey == null ? key.withoutCategory() : binKey;
          bins.computeIfAbsent(new BinKey(binKey, m, bin), k -> new long[1])[0]++;
        }
      }
      users.add(new UserDay(key.day(), r.apiKeyId(), r.endUser()));
      pending.days.add(key.day());
    }
    try (DuckDBAppender a = writer.createAppender(SUMS)) {
      for (Map.Entry<Key, double[]> e : sums.entrySet()) {
        e.getKey().append(a);
        a.append(e.getKey().category());
        for (int i = 0; i < SUM_COLUMNS.size(); i++) {
          // integer sums are exact in a double up to 2^53 and appended as BIGINT
          if (SUM_COLUMNS.get(i).real()) {
            a.append(e.getValue()[i]);
          } else {
            a.append((long) e.getValue()[i]);
          }
        }
        a.endRow();
      }
      a.flush();
    }
    try (DuckDBAppender a = writer.createAppender(BINS)) {
      for (Map.Entry<BinKey, long[]> e : bins.entrySet()) {
        e.getKey().key().append(a);
        a.append(e.getKey().metric().name());
        a.append(e.getKey().bin());
        a.append(e.getValue()[0]);
        a.endRow();
      }
      a.flush();
    }
    try (DuckDBAppender a = writer.createAppender(USERS)) {
      for (UserDay u : users) {
        a.beginRow();
        a.appendEpochMicros(u.day());
        a.append(u.apiKeyId());
        a.append(u.endUser());
        a.endRow();
      }
      a.flush();
    }
    pending.rows += sums.size() + bins.size() + users.size();
    if (pending.rows > FOLD_AFTER_ROWS) {
      fold(writer, pending);
    }
  }

  /** Folds the rows of the days appended to since the last fold into one row per group in every rollup table. */
  static void fold(DuckDBConnection writer, Pending pending) throws SQLException {
    if (pending.days.isEmpty()) {
      return;
    }
    fold(writer, pending.days);
    pending.days.clear();
    pending.rows = 0;
  }

  private static void fold(DuckDBConnection writer, Set<Long> days) throws SQLException {
    String in = " WHERE ts IN (" + days.stream().map(d -> "make_timestamp(" + d + ")").collect(Collectors.joining(", ")) + ")";
    String sums = "SELECT " + KEYS + ", category, "
        + SUM_COLUMNS.stream().map(c -> "sum(" + c.name() + ")").collect(Collectors.joining(", "))
        + " FROM " + SUMS + in + " GROUP BY ALL";
    String bins = "SELECT " + KEYS + ", metric, bin, sum(n) FROM " + BINS + in + " GROUP BY ALL";
    String users = "SELECT DISTINCT ts, api_key_id, end_user FROM " + USERS + in;
    try (Statement st = writer.createStatement()) {
      for (String[] table : new String[][] {{SUMS, sums}, {BINS, bins}, {USERS, users}}) {
        st.execute("CREATE TEMP TABLE rollup_fold AS " + table[1]);
        st.execute("DELETE FROM " + table[0] + in);
        st.execute("INSERT INTO " + table[0] + " SELECT * FROM rollup_fold");
        st.execute("DROP TABLE rollup_fold");
      }
    }
  }
}
