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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The daily rollups of {@code usage_records} in DuckDB, kept by every append in its transaction:
 * per UTC day and each {@link View}'s key columns, every sum and count the stats use (the main view
 * keeps model, provider, author, size class, reasoning flag, source, ingress API, BYOK flag,
 * category, sub-tag and judge category); per the main view's
 * keys but the category, the latency, TTFT and tokens-per-second {@link
 * dev.switchboard.telemetry.stats.LogBins} histograms ({@code usage_daily_bins}); and the (key,
 * user field) pairs active each day ({@code usage_daily_users}), for distinct users. Key columns
 * carry the raw columns' names and values (the day in {@code ts}, at midnight), so the stats SQL
 * of {@link AggregateSql} reads them unchanged.
 *
 * <p>Each append adds its batch's groups as rows of their own; once enough have piled up, the days
 * they touched are folded into one row per group ({@link Pending}). Queries sum over the rows, so
 * an unfolded day gives the same answer, only from more rows. {@link DailyRollupQueries} reads them.
 */
final class DuckDbDailyRollup {
  static final String BINS = "usage_daily_bins";
  static final String USERS = "usage_daily_users";
  static final long DAY_MICROS = 86_400_000_000L;
  /** Rows appended since the last fold past which the touched days are folded. */
  static final int FOLD_AFTER_ROWS = 50_000;

  /** A key column of the rollups: a column of {@code usage_records}, and its value per record as written there. */
  record KeyColumn(String name, String type, Function<UsageRecord, Object> value) {}

  private static ModelFacts facts(UsageRecord r) {
    return r.model() == null ? ModelFacts.unknown() : r.model();
  }

  private static final Map<String, KeyColumn> COLUMNS = new LinkedHashMap<>();

  private static void column(String name, String type, Function<UsageRecord, Object> value) {
    COLUMNS.put(name, new KeyColumn(name, type, value));
  }

  static {
    column("model_key", "VARCHAR", UsageRows::modelKey);
    column("provider", "VARCHAR", UsageRecord::provider);
    column("author", "VARCHAR", r -> facts(r).author());
    column("size_class", "VARCHAR", r -> facts(r).sizeClass() == null ? null : facts(r).sizeClass().label());
    column("reasoning_model", "BOOLEAN", r -> facts(r).reasoning());
    column("source", "VARCHAR", r -> Segment.of(facts(r).openWeights(), facts(r).originCountry()).label());
    column("api", "VARCHAR", UsageRecord::api);
    column("byok", "BOOLEAN NOT NULL", UsageRecord::byok);
    column("category", "VARCHAR",
        r -> r.classification().category() == null ? null : r.classification().category().label());
    column("sub_tag", "VARCHAR", r -> UsageRows.subTag(r.classification()));
    column("judge_category", "VARCHAR", UsageRecord::judgeCategory);
  }

  /** A rollup table of sums: its name and key columns (after {@code ts}). */
  record View(String table, List<KeyColumn> keys) {
    private static View of(String table, String... columns) {
      return new View(table, java.util.Arrays.stream(columns).map(COLUMNS::get).toList());
    }

    /** Returns whether the view has a column named {@code name}. */
    boolean has(String name) {
      return keys.stream().anyMatch(k -> k.name().equals(name));
    }

    String keyNames() {
      return "ts, " + keys.stream().map(KeyColumn::name).collect(Collectors.joining(", "));
    }
  }

  private static final String[] MAIN_KEYS =
      {"model_key", "provider", "author", "size_class", "reasoning_model", "source", "api", "byok"};

  /**
   * The views of sums, the main one first. More views (one per analysis grouped by what the main
   * one lacks: categories and sub-tags, languages, apps, places, finish reasons, errors) made
   * those analyses 5-60 ms instead of 0.4-1.1 s, but every column of a table appended to holds a
   * 256 KB block in memory until the next checkpoint: with six more tables (some 200 columns)
   * the writer alone ran out of the 64 MB limit at its first checkpoint, and a failed checkpoint
   * invalidates the database. A view must earn its columns.
   */
  static final List<View> VIEWS = List.of(
      // sub-tag and judge category add few rows (a category has a handful of sub-tags; most
      // requests are not judged) and take the categories analysis off the raw rows
      View.of("usage_daily", "model_key", "provider", "author", "size_class", "reasoning_model", "source", "api", "byok",
          "category", "sub_tag", "judge_category"));

  /** The histograms' keys: the main view's but the category, sub-tag and judge category. */
  static final View BIN_KEYS = View.of(BINS, MAIN_KEYS);

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
      // named apart from the raw column, which a view may keep as a key
      sum("attempts_sum", Measure.ATTEMPTS, null, UsageRecord::attempts),
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

  static final List<String> CREATE = create();

  private static List<String> create() {
    List<String> sql = new ArrayList<>();
    for (View v : VIEWS) {
      sql.add("CREATE TABLE IF NOT EXISTS " + v.table() + " (" + keyTypes(v) + ", "
          + SUM_COLUMNS.stream().map(c -> c.name() + (c.real() ? " DOUBLE" : " BIGINT")).collect(Collectors.joining(", "))
          + ")");
    }
    sql.add("CREATE TABLE IF NOT EXISTS " + BINS + " (" + keyTypes(BIN_KEYS) + ", metric VARCHAR NOT NULL,"
        + " bin INTEGER NOT NULL, n BIGINT NOT NULL)");
    sql.add("CREATE TABLE IF NOT EXISTS " + USERS + " (ts TIMESTAMP NOT NULL, api_key_id VARCHAR, end_user VARCHAR)");
    return sql;
  }

  private static String keyTypes(View v) {
    return "ts TIMESTAMP NOT NULL, " + v.keys().stream().map(k -> k.name() + " " + k.type()).collect(Collectors.joining(", "));
  }

  private static List<String> tables() {
    List<String> tables = new ArrayList<>(VIEWS.stream().map(View::table).toList());
    tables.add(BINS);
    tables.add(USERS);
    return tables;
  }

  private static final String DAY = "date_trunc('day', ts)";

  /** Holds one row once the rollups hold every stored record (a store of an earlier build is backfilled first). */
  private static final String STATE = "usage_daily_state";

  /** Returns the statements filling the rollups from the raw rows matching {@code range} (a predicate). */
  private static List<String> backfill(String range) {
    List<String> sql = new ArrayList<>();
    for (View v : VIEWS) {
      sql.add("INSERT INTO " + v.table() + " SELECT " + v.keyNames().replaceFirst("ts", DAY) + ", "
          + SUM_COLUMNS.stream().map(Sum::aggregate).collect(Collectors.joining(", "))
          + " FROM usage_records WHERE " + range + " GROUP BY ALL");
    }
    for (QuantileMetric m : QuantileMetric.values()) {
      String bin = AggregateSql.binColumn(m);
      sql.add("INSERT INTO " + BINS + " SELECT " + BIN_KEYS.keyNames().replaceFirst("ts", DAY) + ", '" + m.name() + "', "
          + bin + ", count(*)"
          + " FROM usage_records WHERE " + range + " AND " + bin + " IS NOT NULL GROUP BY ALL");
    }
    sql.add("INSERT INTO " + USERS + " SELECT DISTINCT " + DAY + ", api_key_id, end_user FROM usage_records WHERE " + range);
    return sql;
  }

  /**
   * Creates the rollups and, for a store written before they existed, fills them from the stored
   * rows one month per transaction and checkpoint (a single one ran out of the 64 MB memory limit on 10M records);
   * a fill cut short by a crash starts over on the next open, since the state row comes last.
   */
  static void ensure(java.sql.Connection connection) throws SQLException {
    List<java.time.LocalDate> months = new ArrayList<>();
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
      try (java.sql.ResultSet rs =
          st.executeQuery("SELECT DISTINCT date_trunc('month', ts)::DATE FROM usage_records ORDER BY 1")) {
        while (rs.next()) {
          months.add(rs.getObject(1, java.time.LocalDate.class));
        }
      }
    }
    UsageSchema.withoutAutoCommit(connection, st -> {
      for (String table : tables()) {
        st.execute("DELETE FROM " + table);
      }
      connection.commit();
      for (java.time.LocalDate month : months) {
        for (String fill : backfill("ts >= DATE '" + month + "' AND ts < DATE '" + month.plusMonths(1) + "'")) {
          st.execute(fill);
        }
        connection.commit();
        // Written to the file month by month: left to the first append's automatic checkpoint, the
        // whole backlog ran out of the 64 MB limit there, and a failed checkpoint invalidates the database.
        st.execute("CHECKPOINT");
      }
      st.execute("INSERT INTO " + STATE + " VALUES (true)");
      connection.commit();
    });
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

  /** A group of a view: the day (epoch µs of its midnight) and the key columns' values. */
  record Key(long day, List<Object> values) {
    static Key of(View view, long day, UsageRecord r) {
      Object[] values = new Object[view.keys().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = view.keys().get(i).value().apply(r);
      }
      return new Key(day, java.util.Arrays.asList(values));
    }

    void append(DuckDBAppender a) throws SQLException {
      a.beginRow();
      a.appendEpochMicros(day);
      for (Object v : values) {
        if (v == null) {
          a.appendNull();
        } else if (v instanceof String text) {
          a.append(text);
        } else {
          a.append(((Boolean) v).booleanValue());
        }
      }
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
    private final int foldAfterRows;
    private final Set<Long> days = new TreeSet<>();
    private long rows;
    // Pairs already stored for their day are not appended again: without this the active users
    // added about a row per record (a user is active for many batches of the same day).
    private final UsageRollups.Known<UserDay> knownUsers = new UsageRollups.Known<>();
    private Set<UserDay> uncommittedUsers = Set.of();

    Pending(int foldAfterRows) {
      this.foldAfterRows = foldAfterRows;
    }

    /** Remembers the active users of the batch just committed. */
    void committed() {
      knownUsers.remember(uncommittedUsers);
      uncommittedUsers = Set.of();
    }
  }

  /** Adds the batch's groups to the rollups on the writer's open transaction, folding once enough piled up. */
  static void apply(DuckDBConnection writer, List<UsageRecord> records, Pending pending) throws SQLException {
    List<Map<Key, double[]>> sums = new ArrayList<>();
    for (int v = 0; v < VIEWS.size(); v++) {
      sums.add(new HashMap<>());
    }
    Map<BinKey, long[]> bins = new HashMap<>();
    Set<UserDay> users = new HashSet<>();
    double[] record = new double[SUM_COLUMNS.size()];
    for (UsageRecord r : records) {
      long day = Math.floorDiv(UsageRows.epochMicros(r.timestamp()), DAY_MICROS) * DAY_MICROS;
      for (int i = 0; i < record.length; i++) {
        record[i] = SUM_COLUMNS.get(i).value().applyAsDouble(r);
      }
      for (int v = 0; v < VIEWS.size(); v++) {
        double[] values = sums.get(v).computeIfAbsent(Key.of(VIEWS.get(v), day, r), k -> new double[record.length]);
        for (int i = 0; i < values.length; i++) {
          values[i] += record[i];
        }
      }
      Integer[] recordBins = UsageRows.bins(r);
      Key binKey = null;
      for (QuantileMetric m : QuantileMetric.values()) {
        Integer bin = recordBins[m.ordinal()];
        if (bin != null) {
          binKey = binKey == null ? Key.of(BIN_KEYS, day, r) : binKey;
          bins.computeIfAbsent(new BinKey(binKey, m, bin), k -> new long[1])[0]++;
        }
      }
      UserDay user = new UserDay(day, r.apiKeyId(), r.endUser());
      if (!pending.knownUsers.contains(user)) {
        users.add(user);
      }
      pending.days.add(day);
    }
    long rows = 0;
    for (int v = 0; v < VIEWS.size(); v++) {
      try (DuckDBAppender a = writer.createAppender(VIEWS.get(v).table())) {
        for (Map.Entry<Key, double[]> e : sums.get(v).entrySet()) {
          e.getKey().append(a);
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
      rows += sums.get(v).size();
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
    pending.uncommittedUsers = users;
    pending.rows += rows + bins.size() + users.size();
    if (pending.rows > pending.foldAfterRows) {
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
    List<String[]> folds = new ArrayList<>();
    for (View v : VIEWS) {
      folds.add(new String[] {v.table(), "SELECT " + v.keyNames() + ", "
          + SUM_COLUMNS.stream().map(c -> "sum(" + c.name() + ")").collect(Collectors.joining(", "))
          + " FROM " + v.table() + in + " GROUP BY ALL"});
    }
    folds.add(new String[] {BINS, "SELECT " + BIN_KEYS.keyNames() + ", metric, bin, sum(n) FROM " + BINS + in + " GROUP BY ALL"});
    folds.add(new String[] {USERS, "SELECT DISTINCT ts, api_key_id, end_user FROM " + USERS + in});
    try (Statement st = writer.createStatement()) {
      for (String[] table : folds) {
        st.execute("CREATE TEMP TABLE rollup_fold AS " + table[1]);
        st.execute("DELETE FROM " + table[0] + in);
        st.execute("INSERT INTO " + table[0] + " SELECT * FROM rollup_fold");
        st.execute("DROP TABLE rollup_fold");
      }
    }
  }
}
