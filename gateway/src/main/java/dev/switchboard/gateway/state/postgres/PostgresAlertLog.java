package dev.switchboard.gateway.state.postgres;

import dev.switchboard.gateway.alerts.AlertLog;
import dev.switchboard.gateway.alerts.BudgetAlert;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the alert delivery log in PostgreSQL: the claim is an {@code INSERT ... ON CONFLICT DO
 * NOTHING} on (budget, period, period start, threshold), so of all the gateways that see a budget
 * cross a threshold exactly one inserts the row and sends the alert.
 */
final class PostgresAlertLog implements AlertLog {
  private final Pool pool;

  PostgresAlertLog(Pool pool) {
    this.pool = pool;
  }

  @Override
  public boolean claim(BudgetAlert alert, Instant now) {
    String sql = "INSERT INTO alert_deliveries (budget, period, period_start, threshold, subject, budget_usd,"
        + " spent_usd, claimed_at, status, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0)"
        + " ON CONFLICT DO NOTHING";
    Tuple values = Tuple.of(alert.budget(), alert.period(), alert.periodStart(), alert.thresholdPercent(),
        alert.subject(), alert.budgetUsd(), alert.spentUsd(), PostgresKeyStore.time(now));
    return PgBlocking.await(pool.preparedQuery(sql).execute(values), "claim an alert").rowCount() == 1;
  }

  @Override
  public void finish(BudgetAlert alert, String status, int attempts, String lastError) {
    String sql = "UPDATE alert_deliveries SET status = $1, attempts = $2, last_error = $3"
        + " WHERE budget = $4 AND period = $5 AND period_start = $6 AND threshold = $7";
    PgBlocking.await(pool.preparedQuery(sql).execute(Tuple.of(status, attempts, lastError, alert.budget(),
        alert.period(), alert.periodStart(), alert.thresholdPercent())), "log an alert delivery");
  }

  @Override
  public List<String> entries() {
    String sql = "SELECT budget, period, period_start::text, threshold, status, attempts FROM alert_deliveries"
        + " ORDER BY claimed_at, budget, threshold";
    List<String> rows = new ArrayList<>();
    PgBlocking.await(pool.query(sql).execute(), "read the alert log").forEach(r -> rows.add(
        r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getInteger(3)
            + "=" + r.getString(4) + "/" + r.getInteger(5)));
    return rows;
  }
}
