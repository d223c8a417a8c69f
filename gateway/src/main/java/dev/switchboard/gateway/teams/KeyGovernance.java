package dev.switchboard.gateway.teams;

/**
 * Holds what governs one key beyond its own fields: the team it belongs to, whether it is that
 * team's admin, and its caps per end user and per session. Kept beside the key (table {@code
 * key_governance}), not in it.
 *
 * @param team the team id, or null
 * @param userBudgetUsdDay cap per end user per UTC day on this key, or null
 * @param sessionBudgetUsd cap per agent session (per month) on this key, or null
 * @param teamAdmin whether the key administers its team (reads the team's stats); needs a team
 */
public record KeyGovernance(
    String keyId, String team, Double userBudgetUsdDay, Double sessionBudgetUsd, boolean teamAdmin) {

  /** Creates the governance of a plain member (not the team's admin). */
  public KeyGovernance(String keyId, String team, Double userBudgetUsdDay, Double sessionBudgetUsd) {
    this(keyId, team, userBudgetUsdDay, sessionBudgetUsd, false);
  }

  /** Returns whether nothing is set, so the row need not be kept. */
  public boolean empty() {
    return team == null && userBudgetUsdDay == null && sessionBudgetUsd == null && !teamAdmin;
  }
}
