package dev.switchboard.gateway.alerts;

import dev.switchboard.telemetry.store.StateDatabase;
import java.time.Instant;
import java.util.List;

/**
 * Logs alert deliveries: one row per budget, period and threshold, inserted to claim the alert
 * before it is sent, so it is sent once by whichever gateway (of those sharing the log) inserted
 * it. {@link DuckDbAlertLog} keeps it in the embedded state database; the shared one lives in
 * PostgreSQL ({@code state.database}). Every method blocks: call it on a worker thread.
 */
public interface AlertLog {

  /** Opens the log of the embedded state database (creates its table if missing). */
  static AlertLog open(StateDatabase store) {
    return DuckDbAlertLog.open(store);
  }

  /** Claims {@code alert}: true for the one caller (of any gateway sharing the log) that inserted it. */
  boolean claim(BudgetAlert alert, Instant now);

  /** Notes how delivering {@code alert} ended: {@code delivered} or {@code failed}, after how many attempts. */
  void finish(BudgetAlert alert, String status, int attempts, String lastError);

  /** Returns each logged alert, oldest claim first, as {@code budget|period|start|threshold=status/attempts}. */
  List<String> entries();
}
