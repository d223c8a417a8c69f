package dev.switchboard.gateway.teams;

import java.util.List;

/**
 * Keeps teams, the governance of keys and tag budgets. Every method blocks: call it on a worker
 * thread. The embedded implementation is {@link DuckDbTeamStore}; the shared one (PostgreSQL, in
 * {@code state.postgres}) serves several gateways and tells each when another changed something.
 */
public interface TeamStore {

  /** Lists every team. */
  List<Team> teams();

  /** Inserts or replaces a team. */
  void saveTeam(Team team);

  /** Deletes a team. */
  void deleteTeam(String id);

  /** Lists the governance of every key that has some. */
  List<KeyGovernance> keyGovernance();

  /** Inserts or replaces a key's governance; an empty one deletes the row. */
  void saveKeyGovernance(KeyGovernance governance);

  /** Lists every tag budget. */
  List<TagBudget> tagBudgets();

  /** Inserts or replaces a tag budget. */
  void saveTagBudget(TagBudget budget);

  /** Deletes a tag budget. */
  void deleteTagBudget(String tag);

  /**
   * Calls {@code changed} (on any thread) when another gateway sharing the store may have changed
   * something, so the caller re-reads; an embedded store has no other writer and never calls it.
   */
  default void watch(Runnable changed) {}
}
