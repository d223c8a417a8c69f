package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Segment;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Maintains the cohort rollups next to {@code usage_records}: one row per (key, end user, model,
 * month) with at least one request, and the first-seen view over it (the first month of each key,
 * end user and model). Retention over raw rows scans everything (about 10 s on 10M rows); over the
 * rollup it reads one row per user, model and month.
 */
final class UsageRollups {
  static final String FIRST_SEEN = "usage_first_seen";
  static final String MONTHLY = "usage_monthly_activity";
  private static final String STAGE = "usage_stage_monthly_activity";

  static final List<String> CREATE =
      List.of(
          "CREATE TABLE IF NOT EXISTS " + MONTHLY + " (api_key_id VARCHAR NOT NULL,"
              + " end_user VARCHAR NOT NULL, model VARCHAR NOT NULL, month DATE NOT NULL,"
              + " author VARCHAR NOT NULL, source VARCHAR NOT NULL)",
          // First seen = first active month: cohorts need no finer time, and a view cannot drift.
          "CREATE OR REPLACE VIEW " + FIRST_SEEN + " AS SELECT api_key_id, end_user, model,"
              + " min(month) AS first_month, arg_min(author, month) AS author, arg_min(source, month) AS source"
              + " FROM " + MONTHLY + " GROUP BY api_key_id, end_user, model",
          // The staging table is filled and emptied inside each append transaction: always empty at rest.
          "CREATE TABLE IF NOT EXISTS " + STAGE + " (api_key_id VARCHAR, end_user VARCHAR, model VARCHAR,"
              + " month DATE, author VARCHAR, source VARCHAR)");

  /** Rebuilds the rollup from {@code usage_records}, for a store written before it existed. */
  static final List<String> BACKFILL =
      List.of(
          "INSERT INTO " + MONTHLY + " SELECT " + AggregateSql.USER_KEY + ", " + AggregateSql.END_USER
              + ", " + AggregateSql.MODEL + ", date_trunc('month', ts)::DATE, arg_min(coalesce(author, 'unknown'), ts),"
              + " arg_min(" + AggregateSql.SOURCE + ", ts) FROM usage_records WHERE " + AggregateSql.COHORT_PREDICATE
              + " GROUP BY 1, 2, 3, 4");

  private UsageRollups() {}

  /** Returns whether the rollup can answer cohorts under {@code filter}. */
  static boolean answers(Filter f) {
    return f.categories().isEmpty() && f.apps().isEmpty() && f.providers().isEmpty() && f.includeByok();
  }

  /**
   * Folds {@code records} into the rollup on {@code writer}, inside the caller's transaction, and
   * returns the rollup rows the batch needs; once the transaction commits, pass them to {@link
   * Known#remember}. Rows in {@code known} are not staged: a batch whose rows are all known (the
   * usual case, the same users and models all month) skips the stage appender, the anti join and
   * the delete.
   */
  static Set<UserModelMonth> apply(DuckDBConnection writer, List<UsageRecord> records, Known<UserModelMonth> known)
      throws SQLException {
    Map<UserModelMonth, ModelFacts> months = new LinkedHashMap<>();
    for (UsageRecord r : records) {
      if (r.outcome() == Outcome.CLIENT_ERROR || r.timestamp() == null) {
        continue;
      }
      String key = r.apiKeyId() == null ? "anonymous" : r.apiKeyId();
      String user = r.endUser() != null ? r.endUser() : key;
      LocalDate month = LocalDate.ofInstant(r.timestamp(), ZoneOffset.UTC).withDayOfMonth(1);
      months.putIfAbsent(new UserModelMonth(key, user, UsageRows.modelKey(r), month), r.model());
    }
    Set<UserModelMonth> touched = Set.copyOf(months.keySet());
    months.keySet().removeIf(known::contains);
    if (months.isEmpty()) {
      return touched;
    }
    try (DuckDBAppender a = writer.createAppender(STAGE)) {
      for (Map.Entry<UserModelMonth, ModelFacts> e : months.entrySet()) {
        UserModelMonth m = e.getKey();
        ModelFacts facts = e.getValue();
        a.beginRow();
        a.append(m.key);
        a.append(m.user);
        a.append(m.model);
        a.append(m.month);
        a.append(facts.author() == null ? "unknown" : facts.author());
        a.append(Segment.of(facts.openWeights(), facts.originCountry()).label());
        a.endRow();
      }
      a.flush();
    }
    // Only the batch's months are compared: the rollup is appended in time order, so DuckDB skips
    // the row groups of other months by their min/max and the check does not grow with history.
    String batchMonths = new TreeSet<>(months.keySet().stream().map(m -> m.month).toList()).stream()
        .map(d -> "DATE '" + d + "'").collect(Collectors.joining(", "));
    try (Statement st = writer.createStatement()) {
      st.execute("INSERT INTO " + MONTHLY + " SELECT s.* FROM " + STAGE + " s ANTI JOIN (SELECT api_key_id,"
          + " end_user, model, month FROM " + MONTHLY + " WHERE month IN (" + batchMonths + ")) t"
          + " ON t.api_key_id = s.api_key_id AND t.end_user = s.end_user AND t.model = s.model AND t.month = s.month");
      st.execute("DELETE FROM " + STAGE);
    }
    return touched;
  }

  record UserModelMonth(String key, String user, String model, LocalDate month) {}

  /**
   * Remembers rollup rows known to be committed, so later batches need not check them again in
   * SQL. Bounded: past {@link #CAPACITY} rows it starts over, which only costs a re-check. Valid
   * because only this store's writer changes the rollup, and rows are never removed from it.
   * Confined to the store's writer (callers hold its lock).
   */
  static final class Known<T> {
    static final int CAPACITY = 65_536;
    private final Set<T> rows = new HashSet<>();

    boolean contains(T row) {
      return rows.contains(row);
    }

    /** Adds the rows of a committed batch. */
    void remember(Set<T> committed) {
      if (rows.size() + committed.size() > CAPACITY) {
        rows.clear();
      }
      rows.addAll(committed);
    }
  }
}
