package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.stats.QuantileMetric;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and versions the tables of the embedded store. Column order is the appender's write
 * order: {@link UsageRows} must follow it.
 *
 * <p>Version 1 also has columns derived at write time for the stats ({@code model_key},
 * {@code source}, {@code sub_tag}, and the latency histogram bins), the cohort rollups of {@link UsageRollups} (the months each key, end
 * user and model was active, and the first-seen view over them) and the daily rollups of {@link DuckDbDailyRollup}, kept in step with {@code usage_records} by
 * every append. They were added before any release, so no version bump: a version-1 file written
 * before they existed gets them added and backfilled on open.
 */
final class UsageSchema {
  /** The schema this code writes; bump it and add a migration step when columns change. */
  static final int VERSION = 1;

  static final String TABLE = "usage_records";

  // ts is a plain TIMESTAMP holding UTC wall-clock time, so date_trunc('week', ts) means the ISO
  // week in UTC whatever the session's TimeZone setting is.
  private static final String CREATE_USAGE_RECORDS =
      """
      CREATE TABLE usage_records (
        id VARCHAR NOT NULL,
        ts TIMESTAMP NOT NULL,
        api_key_id VARCHAR,
        end_user VARCHAR,
        app VARCHAR,
        requested_model VARCHAR,
        served_model VARCHAR,
        provider VARCHAR,
        catalog_id VARCHAR,
        author VARCHAR,
        open_weights BOOLEAN,
        origin_country VARCHAR,
        size_class VARCHAR,
        reasoning_model BOOLEAN,
        streamed BOOLEAN NOT NULL,
        prompt_tokens BIGINT,
        completion_tokens BIGINT,
        reasoning_tokens BIGINT,
        cached_read_tokens BIGINT,
        cache_write_tokens BIGINT,
        normalized_prompt_tokens BIGINT,
        normalized_completion_tokens BIGINT,
        tools_offered BOOLEAN NOT NULL,
        tool_calls INTEGER NOT NULL,
        finish_reason VARCHAR,
        native_finish_reason VARCHAR,
        http_status INTEGER NOT NULL,
        outcome VARCHAR NOT NULL,
        error_type VARCHAR,
        latency_ms BIGINT NOT NULL,
        ttft_ms BIGINT,
        cost_usd DOUBLE,
        country VARCHAR,
        continent VARCHAR,
        category VARCHAR,
        category_confidence DOUBLE,
        category_tags VARCHAR,
        language VARCHAR,
        unclassified_reason VARCHAR,
        attempts INTEGER NOT NULL,
        byok BOOLEAN NOT NULL,
        model_key VARCHAR,
        source VARCHAR,
        sub_tag VARCHAR,
        latency_bin INTEGER,
        ttft_bin INTEGER,
        tps_bin INTEGER,
        api VARCHAR,
        judge_category VARCHAR,
        tags VARCHAR
      )
      """;

  // Derived at write time so stats group on plain columns instead of evaluating expressions (the
  // sub-tag one parses the tag list) on every row of every query.
  private static final String[][] DERIVED = {
    {"model_key", "VARCHAR", AggregateSql.MODEL_EXPR},
    {"source", "VARCHAR", AggregateSql.SOURCE_EXPR},
    {"sub_tag", "VARCHAR", AggregateSql.SUB_TAG_EXPR},
    {"latency_bin", "INTEGER", AggregateSql.binExpr(QuantileMetric.LATENCY_MS)},
    {"ttft_bin", "INTEGER", AggregateSql.binExpr(QuantileMetric.TTFT_MS)},
    {"tps_bin", "INTEGER", AggregateSql.binExpr(QuantileMetric.OUTPUT_TOKENS_PER_SECOND)},
    // the ingress API; every request before it was recorded came in as a chat completion
    {"api", "VARCHAR", "'chat'"},
    // the category a judge model gave a sampled request; no request was judged before it existed
    {"judge_category", "VARCHAR", "NULL"},
    // the request's tags, comma-separated; no request carried tags before they were recorded
    {"tags", "VARCHAR", "NULL"},
  };

  private UsageSchema() {}

  /** Brings the database to {@link #VERSION}, refusing files written by a newer Switchboard. */
  static void ensure(Connection connection) throws SQLException {
    // one transaction: a crash never leaves tables without their version row
    withoutAutoCommit(connection, st -> {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int current = currentVersion(st);
      if (current > VERSION) {
        throw new SQLException(
            "store schema version " + current + " is newer than supported version " + VERSION);
      }
      if (current == 0) {
        st.execute(CREATE_USAGE_RECORDS);
        st.execute("INSERT INTO schema_version VALUES (" + VERSION + ")");
      }
      // DuckDB refuses to alter a table already updated in the same transaction: add, then fill.
      List<String[]> missing = new ArrayList<>();
      for (String[] column : DERIVED) {
        if (!columnExists(st, column[0])) {
          missing.add(column);
        }
      }
      for (String[] column : missing) {
        st.execute("ALTER TABLE usage_records ADD COLUMN " + column[0] + " " + column[1]);
      }
      for (String[] column : missing) {
        st.execute("UPDATE usage_records SET " + column[0] + " = " + column[2]);
      }
      boolean rollupsMissing = !tableExists(st, UsageRollups.MONTHLY);
      for (String create : UsageRollups.CREATE) {
        st.execute(create);
      }
      if (rollupsMissing) {
        for (String backfill : UsageRollups.BACKFILL) {
          st.execute(backfill);
        }
      }
      // A later version adds one step per version here: ALTER TABLE, then record the new version.
      AttemptRows.ensure(st);
      connection.commit();
    });
    DuckDbDailyRollup.ensure(connection);
  }

  /** Work on a statement in transactions that it commits itself. */
  @FunctionalInterface
  interface Transactional {
    void run(Statement st) throws SQLException;
  }

  /** Runs {@code work} with auto-commit off, rolling back what it left uncommitted when it fails. */
  static void withoutAutoCommit(Connection connection, Transactional work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      work.run(st);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static boolean columnExists(Statement st, String column) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_columns() WHERE table_name = '" + TABLE
        + "' AND column_name = '" + column + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  private static boolean tableExists(Statement st, String table) throws SQLException {
    try (ResultSet rs =
        st.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = '" + table + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /** Returns the stored schema version, 0 for a fresh database. */
  static int currentVersion(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
