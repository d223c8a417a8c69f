package dev.switchboard.telemetry.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates and versions the tables of the embedded store. Column order is the appender's write
 * order: {@link UsageRows} must follow it.
 *
 * <p>Version 1 also holds the cohort rollups of {@link UsageRollups} (first request per key, user
 * and model; the months each of them was active), kept in step with {@code usage_records} by
 * every append. They were added before any release, so no version bump: a version-1 file written
 * before they existed gets them created and backfilled from {@code usage_records} on open.
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
        byok BOOLEAN NOT NULL
      )
      """;

  private UsageSchema() {}

  /** Brings the database to {@link #VERSION}, refusing files written by a newer Switchboard. */
  static void ensure(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false); // a crash never leaves tables without their version row
    try (Statement st = connection.createStatement()) {
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
      boolean rollupsMissing = !tableExists(st, UsageRollups.FIRST_SEEN);
      for (String create : UsageRollups.CREATE) {
        st.execute(create);
      }
      if (rollupsMissing) {
        for (String backfill : UsageRollups.BACKFILL) {
          st.execute(backfill);
        }
      }
      // A later version adds one step per version here: ALTER TABLE, then record the new version.
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
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
