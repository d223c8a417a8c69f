package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.UsageRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * Maps each record's upstream attempts to rows of {@code usage_attempts} (one per attempt, keyed
 * by request id and attempt number) and back.
 */
final class AttemptRows {
  static final String TABLE = "usage_attempts";

  // Additive and idempotent, so it needs no schema version step: files written before the table
  // existed simply get it on their next open.
  private static final String CREATE =
      """
      CREATE TABLE IF NOT EXISTS usage_attempts (
        request_id VARCHAR NOT NULL,
        attempt INTEGER NOT NULL,
        provider VARCHAR,
        model VARCHAR,
        status INTEGER,
        error_type VARCHAR,
        latency_ms BIGINT NOT NULL
      )
      """;

  private AttemptRows() {}

  /** Creates the table when it is missing. */
  static void ensure(Statement st) throws SQLException {
    st.execute(CREATE);
  }

  /** Returns whether any record of {@code records} carries attempts. */
  static boolean anyIn(List<UsageRecord> records) {
    for (UsageRecord r : records) {
      if (!r.providerAttempts().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Appends one row per attempt of {@code r}, numbered from 1. */
  static void write(DuckDBAppender a, UsageRecord r) throws SQLException {
    int n = 0;
    for (ProviderAttempt attempt : r.providerAttempts()) {
      a.beginRow();
      a.append(r.id());
      a.append(++n);
      a.append(attempt.provider());
      a.append(attempt.model());
      a.append(attempt.status());
      a.append(attempt.errorType());
      a.append(attempt.latencyMs());
      a.endRow();
    }
  }

  /** Reads the attempts of request {@code id} in order. */
  static List<ProviderAttempt> read(Connection c, String id) throws SQLException {
    String sql =
        "SELECT provider, model, status, error_type, latency_ms FROM usage_attempts"
            + " WHERE request_id = ? ORDER BY attempt";
    List<ProviderAttempt> attempts = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int status = rs.getInt(3);
          Integer boxed = rs.wasNull() ? null : status;
          attempts.add(
              new ProviderAttempt(rs.getString(1), rs.getString(2), boxed, rs.getString(4), rs.getLong(5)));
        }
      }
    }
    return attempts;
  }
}
