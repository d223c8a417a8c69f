package dev.switchboard.gateway.alerts;

import dev.switchboard.telemetry.store.StateDatabase;
import dev.switchboard.telemetry.store.UsageStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Keeps the alert delivery log ({@code alert_deliveries}) in the embedded state database: one row
 * per budget, period and threshold, inserted to claim the alert before it is sent, so it is sent
 * once by this gateway. Every method blocks: call it on a worker thread.
 */
public final class DuckDbAlertLog implements AlertLog {
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS alert_deliveries (
        budget VARCHAR NOT NULL,
        period VARCHAR NOT NULL,
        period_start DATE NOT NULL,
        threshold INTEGER NOT NULL,
        subject VARCHAR NOT NULL,
        budget_usd DOUBLE NOT NULL,
        spent_usd DOUBLE NOT NULL,
        claimed_at TIMESTAMP NOT NULL,
        status VARCHAR NOT NULL,
        attempts INTEGER NOT NULL,
        last_error VARCHAR,
        PRIMARY KEY (budget, period, period_start, threshold)
      );
      """;

  private final StateDatabase store;

  private DuckDbAlertLog(StateDatabase store) {
    this.store = store;
  }

  /** Creates the table if missing and returns the log. */
  public static DuckDbAlertLog open(StateDatabase store) {
    try (Connection c = store.reader();
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
    } catch (SQLException e) {
      throw new UsageStoreException("cannot create the alert log", e);
    }
    return new DuckDbAlertLog(store);
  }

  @Override
  public synchronized boolean claim(BudgetAlert alert, Instant now) {
    String sql =
        "INSERT INTO alert_deliveries VALUES (?, ?, CAST(? AS DATE), ?, ?, ?, ?, make_timestamp(?), 'pending', 0, NULL)"
            + " ON CONFLICT DO NOTHING";
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, alert.budget());
      ps.setString(2, alert.period());
      ps.setString(3, alert.periodStart().toString());
      ps.setInt(4, alert.thresholdPercent());
      ps.setString(5, alert.subject());
      ps.setDouble(6, alert.budgetUsd());
      ps.setDouble(7, alert.spentUsd());
      ps.setLong(8, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new UsageStoreException("cannot claim an alert", e);
    }
  }

  @Override
  public synchronized void finish(BudgetAlert alert, String status, int attempts, String lastError) {
    String sql =
        "UPDATE alert_deliveries SET status = ?, attempts = ?, last_error = ?"
            + " WHERE budget = ? AND period = ? AND period_start = CAST(? AS DATE) AND threshold = ?";
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, status);
      ps.setInt(2, attempts);
      ps.setString(3, lastError);
      ps.setString(4, alert.budget());
      ps.setString(5, alert.period());
      ps.setString(6, alert.periodStart().toString());
      ps.setInt(7, alert.thresholdPercent());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new UsageStoreException("cannot log an alert delivery", e);
    }
  }

  @Override
  public java.util.List<String> entries() {
    java.util.List<String> rows = new java.util.ArrayList<>();
    String sql = "SELECT budget, period, CAST(period_start AS VARCHAR), threshold, status, attempts"
        + " FROM alert_deliveries ORDER BY claimed_at, budget, threshold";
    try (Connection c = store.reader();
        PreparedStatement ps = c.prepareStatement(sql);
        java.sql.ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4)
            + "=" + rs.getString(5) + "/" + rs.getInt(6));
      }
    } catch (SQLException e) {
      throw new UsageStoreException("cannot read the alert log", e);
    }
    return rows;
  }
}
