package dev.switchboard.gateway.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One threshold of one budget crossed in one period; fired once, whatever the number of gateways.
 *
 * @param budget the ledger id of the budget ({@code team:ml}, {@code tag:batch}, a key id)
 * @param subject who the budget caps, as refusals name it ({@code team 'ml'})
 * @param period {@code day} or {@code month} ({@code week} for a weekly spend report)
 * @param periodStart the first day of the period
 * @param thresholdPercent 50, 80 or 100 (0 for a spend report)
 * @param warnOnly whether the budget only warns and never refuses
 */
public record BudgetAlert(
    String budget,
    String subject,
    String period,
    LocalDate periodStart,
    int thresholdPercent,
    double budgetUsd,
    double spentUsd,
    boolean warnOnly) {

  /** Returns the key that makes the alert unique: budget, period and threshold. */
  String claimKey() {
    return budget + "|" + period + "|" + periodStart + "|" + thresholdPercent;
  }

  /** Returns the webhook body. */
  ObjectNode toJson(Instant at) {
    ObjectNode o = JsonCodec.object();
    o.put("type", "budget.threshold");
    o.put("budget", budget);
    o.put("subject", subject);
    o.put("period", period);
    o.put("period_start", periodStart.toString());
    o.put("threshold_percent", thresholdPercent);
    o.put("budget_usd", budgetUsd);
    o.put("spent_usd", spentUsd);
    o.put("warn_only", warnOnly);
    o.put("at", at.toString());
    return o;
  }
}
