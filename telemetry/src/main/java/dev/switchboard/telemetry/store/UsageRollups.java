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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Maintains the cohort rollups next to {@code usage_records}: the first request of each (key, end
 * user, model) and the requests per (key, end user, model, month). Retention over raw rows scans
 * everything (about 10 s on 10M rows); over these tables it reads one row per user, model and month.
 */
final class UsageRollups {
  static final String FIRST_SEEN = "usage_first_seen";
  static final String MONTHLY = "usage_monthly_activity";
  private static final String STAGE_FIRST_SEEN = "usage_stage_first_seen";
  private static final String STAGE_MONTHLY = "usage_stage_monthly_activity";

  static final List<String> CREATE =
      List.of(
          "CREATE TABLE IF NOT EXISTS " + FIRST_SEEN + " (api_key_id VARCHAR NOT NULL,"
              + " end_user VARCHAR NOT NULL, model VARCHAR NOT NULL, author VARCHAR NOT NULL,"
              + " source VARCHAR NOT NULL, first_ts TIMESTAMP NOT NULL)",
          "CREATE TABLE IF NOT EXISTS " + MONTHLY + " (api_key_id VARCHAR NOT NULL,"
              + " end_user VARCHAR NOT NULL, model VARCHAR NOT NULL, month DATE NOT NULL)",
          // Staging tables are filled and emptied inside each append transaction: always empty at rest.
          "CREATE TABLE IF NOT EXISTS " + STAGE_FIRST_SEEN + " (api_key_id VARCHAR, end_user VARCHAR,"
              + " model VARCHAR, author VARCHAR, source VARCHAR, first_ts TIMESTAMP)",
          "CREATE TABLE IF NOT EXISTS " + STAGE_MONTHLY + " (api_key_id VARCHAR, end_user VARCHAR,"
              + " model VARCHAR, month DATE)");

  /** Rebuilds both rollups from {@code usage_records}, for a store written before they existed. */
  static final List<String> BACKFILL =
      List.of(
          "INSERT INTO " + FIRST_SEEN + " SELECT " + AggregateSql.USER_KEY + ", " + AggregateSql.END_USER
              + ", " + AggregateSql.MODEL + ", arg_min(coalesce(author, 'unknown'), ts), arg_min("
              + AggregateSql.SOURCE + ", ts), min(ts) FROM usage_records WHERE "
              + AggregateSql.COHORT_PREDICATE + " GROUP BY 1, 2, 3",
          "INSERT INTO " + MONTHLY + " SELECT " + AggregateSql.USER_KEY + ", " + AggregateSql.END_USER
              + ", " + AggregateSql.MODEL + ", date_trunc('month', ts)::DATE"
              + " FROM usage_records WHERE " + AggregateSql.COHORT_PREDICATE + " GROUP BY 1, 2, 3, 4");

  private UsageRollups() {}

  /** Returns whether the rollups can answer cohorts under {@code filter}. */
  static boolean answers(Filter f) {
    return f.categories().isEmpty() && f.apps().isEmpty() && f.providers().isEmpty() && f.includeByok();
  }

  /**
   * Folds {@code records} into the rollups on {@code writer}, inside the caller's transaction.
   *
   * @param newest the latest timestamp (epoch microseconds) folded in before this batch
   * @return the latest timestamp folded in after it
   */
  static long apply(DuckDBConnection writer, List<UsageRecord> records, long newest) throws SQLException {
    Map<UserModel, FirstSeen> first = new HashMap<>();
    Set<UserModelMonth> months = new HashSet<>();
    long oldestInBatch = Long.MAX_VALUE;
    long newestInBatch = newest;
    for (UsageRecord r : records) {
      if (r.outcome() == Outcome.CLIENT_ERROR || r.timestamp() == null) {
        continue;
      }
      String key = r.apiKeyId() == null ? "anonymous" : r.apiKeyId();
      String user = r.endUser() != null ? r.endUser() : key;
      UserModel um = new UserModel(key, user, UsageRows.modelKey(r));
      long micros = UsageRows.epochMicros(r.timestamp());
      oldestInBatch = Math.min(oldestInBatch, micros);
      newestInBatch = Math.max(newestInBatch, micros);
      first.merge(um, new FirstSeen(r.model(), micros), (a, b) -> a.micros <= b.micros ? a : b);
      months.add(new UserModelMonth(um, LocalDate.ofInstant(r.timestamp(), ZoneOffset.UTC).withDayOfMonth(1)));
    }
    if (first.isEmpty()) {
      return newest;
    }
    try (DuckDBAppender a = writer.createAppender(STAGE_FIRST_SEEN)) {
      for (Map.Entry<UserModel, FirstSeen> e : first.entrySet()) {
        ModelFacts m = e.getValue().facts;
        a.beginRow();
        a.append(e.getKey().key);
        a.append(e.getKey().user);
        a.append(e.getKey().model);
        a.append(m.author() == null ? "unknown" : m.author());
        a.append(Segment.of(m.openWeights(), m.originCountry()).label());
        a.appendEpochMicros(e.getValue().micros);
        a.endRow();
      }
      a.flush();
    }
    try (DuckDBAppender a = writer.createAppender(STAGE_MONTHLY)) {
      for (UserModelMonth m : months) {
        a.beginRow();
        a.append(m.userModel.key);
        a.append(m.userModel.user);
        a.append(m.userModel.model);
        a.append(m.month);
        a.endRow();
      }
      a.flush();
    }
    // Anti-joins instead of a primary key and ON CONFLICT: DuckDB's index upserts made appends
    // about four times slower, while hash anti-joins against the rollups stay cheap.
    String sameUserModel = "t.api_key_id = s.api_key_id AND t.end_user = s.end_user AND t.model = s.model";
    try (Statement st = writer.createStatement()) {
      if (oldestInBatch < newest) {
        // This batch reaches back before rows already folded in: an earlier first request wins.
        st.execute("UPDATE " + FIRST_SEEN + " t SET first_ts = s.first_ts, author = s.author, source = s.source"
            + " FROM " + STAGE_FIRST_SEEN + " s WHERE " + sameUserModel + " AND s.first_ts < t.first_ts");
      }
      st.execute("INSERT INTO " + FIRST_SEEN + " SELECT * FROM " + STAGE_FIRST_SEEN + " s"
          + " WHERE NOT EXISTS (SELECT 1 FROM " + FIRST_SEEN + " t WHERE " + sameUserModel + ")");
      st.execute("INSERT INTO " + MONTHLY + " SELECT * FROM " + STAGE_MONTHLY + " s"
          + " WHERE NOT EXISTS (SELECT 1 FROM " + MONTHLY + " t WHERE " + sameUserModel
          + " AND t.month = s.month)");
      st.execute("DELETE FROM " + STAGE_FIRST_SEEN);
      st.execute("DELETE FROM " + STAGE_MONTHLY);
    }
    return newestInBatch;
  }

  private record UserModel(String key, String user, String model) {}

  private record UserModelMonth(UserModel userModel, LocalDate month) {}

  private record FirstSeen(ModelFacts facts, long micros) {}
}
