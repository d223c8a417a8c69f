package dev.switchboard.gateway.teams;

/**
 * Caps the spend of every request carrying one tag, across all keys.
 *
 * @param tag a normalized tag
 * @param warnOnly whether the budgets only alert and never refuse
 */
public record TagBudget(String tag, Double budgetUsdDay, Double budgetUsdMonth, boolean warnOnly) {

  /** Returns the ledger id of tag {@code tag}. */
  static String ledgerId(String tag) {
    return "tag:" + tag;
  }
}
