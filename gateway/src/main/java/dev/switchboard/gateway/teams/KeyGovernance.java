package dev.switchboard.gateway.teams;

/**
 * Holds what governs one key beyond its own fields: the team it belongs to and its caps per end
 * user and per session. Kept beside the key (table {@code key_governance}), not in it.
 *
 * @param team the team id, or null
 * @param userBudgetUsdDay cap per end user per UTC day on this key, or null
 * @param sessionBudgetUsd cap per agent session (per month) on this key, or null
 */
public record KeyGovernance(String keyId, String team, Double userBudgetUsdDay, Double sessionBudgetUsd) {

  /** Returns whether nothing is set, so the row need not be kept. */
  boolean empty() {
    return team == null && userBudgetUsdDay == null && sessionBudgetUsd == null;
  }
}
