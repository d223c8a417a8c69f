package dev.switchboard.gateway.teams;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Holds teams, key governance and tag budgets in memory for the hot path (plain map reads, no
 * JDBC), and changes them for the admin API: the store is written on a worker thread first, then
 * the snapshot is replaced. With a shared store, other gateways' changes arrive through {@link
 * #reload} (called when the store announces a change).
 */
public final class TeamDirectory {
  private final Vertx vertx;
  private final TeamStore store;
  // config keys (auth.keys[].team): their team comes from the config, whatever the store says
  private final Map<String, String> staticTeams;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());

  private TeamDirectory(Vertx vertx, TeamStore store, Map<String, String> staticTeams) {
    this.vertx = vertx;
    this.store = store;
    this.staticTeams = Map.copyOf(staticTeams);
  }

  /** Opens the directory and loads it (blocking: call on a worker thread). */
  public static TeamDirectory load(Vertx vertx, TeamStore store) {
    return load(vertx, store, Map.of());
  }

  /**
   * Opens the directory with the teams of the keys declared in config and loads it (blocking: call
   * on a worker thread).
   *
   * @param staticTeams key id ({@code cfg_<name>}) to team id
   */
  public static TeamDirectory load(Vertx vertx, TeamStore store, Map<String, String> staticTeams) {
    TeamDirectory directory = new TeamDirectory(vertx, store, staticTeams);
    directory.readAll();
    return directory;
  }

  /** Re-reads everything from the store on a worker thread (another gateway changed something). */
  public Future<Void> reload() {
    return vertx.executeBlocking(() -> {
      readAll();
      return null;
    }, false);
  }

  /** Returns team {@code id}, or null. */
  public Team team(String id) {
    return id == null ? null : snapshot.teams.get(id);
  }

  /** Returns the governance of key {@code keyId}, or null. */
  public KeyGovernance governance(String keyId) {
    return snapshot.keys.get(keyId);
  }

  /** Returns the budget of {@code tag}, or null. */
  public TagBudget tagBudget(String tag) {
    return snapshot.tags.get(tag);
  }

  /** Returns whether any tag has a budget (so requests without budgets skip tag parsing). */
  public boolean anyTagBudget() {
    return !snapshot.tags.isEmpty();
  }

  /**
   * Returns the ids of the keys that belong to team {@code id}, or to a team of organization
   * {@code id}; empty when it has none.
   */
  public Set<String> keyIdsOf(String id) {
    Snapshot now = snapshot;
    Set<String> ids = new HashSet<>();
    now.keys.values().forEach(k -> {
      Team team = k.team() == null ? null : now.teams.get(k.team());
      if (team != null && (id.equals(team.id()) || id.equals(team.parent()))) {
        ids.add(k.keyId());
      }
    });
    return ids;
  }

  /** Lists teams by id. */
  public List<Team> teams() {
    List<Team> all = new ArrayList<>(snapshot.teams.values());
    all.sort((a, b) -> a.id().compareTo(b.id()));
    return all;
  }

  /** Lists tag budgets by tag. */
  public List<TagBudget> tagBudgets() {
    List<TagBudget> all = new ArrayList<>(snapshot.tags.values());
    all.sort((a, b) -> a.tag().compareTo(b.tag()));
    return all;
  }

  /**
   * Creates ({@code base} empty) or changes a team: {@code change} gets the current team (or null)
   * and returns the new one; checked against the others while no other change runs.
   *
   * @return empty when changing a team that does not exist
   * @throws ApiErrorException (failed future) 400 for a parent that is unknown or itself has one,
   *     409 for a team that exists already or an organization given a parent
   */
  public Future<Optional<Team>> saveTeam(String id, boolean creating, UnaryOperator<Team> change) {
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        Team current = snapshot.teams.get(id);
        if (creating && current != null) {
          throw conflict("team_exists", "id", "A team with id '" + id + "' exists already.");
        }
        if (!creating && current == null) {
          return Optional.<Team>empty();
        }
        Team changed = change.apply(current);
        checkParent(changed);
        store.saveTeam(changed);
        Map<String, Team> teams = new HashMap<>(snapshot.teams);
        teams.put(id, changed);
        snapshot = new Snapshot(Map.copyOf(teams), snapshot.keys, snapshot.tags);
        return Optional.of(changed);
      }
    }, false);
  }

  /**
   * Deletes a team no key and no team refers to.
   *
   * @return false when there is no such team
   * @throws ApiErrorException (failed future) 409 while keys or teams still name it
   */
  public Future<Boolean> deleteTeam(String id) {
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        if (!snapshot.teams.containsKey(id)) {
          return false;
        }
        long keys = snapshot.keys.values().stream().filter(k -> id.equals(k.team())).count();
        long children = snapshot.teams.values().stream().filter(t -> id.equals(t.parent())).count();
        if (keys > 0 || children > 0) {
          throw conflict("team_in_use", null, "Team '" + id + "' still has " + keys + " key(s) and "
              + children + " team(s); move or delete them first.");
        }
        store.deleteTeam(id);
        Map<String, Team> teams = new HashMap<>(snapshot.teams);
        teams.remove(id);
        snapshot = new Snapshot(Map.copyOf(teams), snapshot.keys, snapshot.tags);
        return true;
      }
    }, false);
  }

  /** Changes the governance of key {@code keyId}; {@code change} gets the current one (maybe empty). */
  public Future<KeyGovernance> saveKeyGovernance(String keyId, UnaryOperator<KeyGovernance> change) {
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        KeyGovernance current = snapshot.keys.getOrDefault(keyId, new KeyGovernance(keyId, null, null, null));
        KeyGovernance changed = withStaticTeam(change.apply(current));
        if (changed.team() != null && !snapshot.teams.containsKey(changed.team())) {
          throw new ApiErrorException(ApiError.badRequest("invalid_value", "team", "No team with id '" + changed.team() + "'."));
        }
        if (changed.teamAdmin() && changed.team() == null) {
          throw new ApiErrorException(ApiError.badRequest("invalid_value", "team_role",
              "A key without a team cannot be a team's admin; set 'team' too."));
        }
        store.saveKeyGovernance(changed);
        Map<String, KeyGovernance> keys = new HashMap<>(snapshot.keys);
        if (changed.empty()) {
          keys.remove(keyId);
        } else {
          keys.put(keyId, changed);
        }
        snapshot = new Snapshot(snapshot.teams, Map.copyOf(keys), snapshot.tags);
        return changed;
      }
    }, false);
  }

  /** Sets (or with both budgets null, removes) the budget of a tag. */
  public Future<TagBudget> saveTagBudget(TagBudget budget) {
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        Map<String, TagBudget> tags = new HashMap<>(snapshot.tags);
        if (budget.budgetUsdDay() == null && budget.budgetUsdMonth() == null) {
          store.deleteTagBudget(budget.tag());
          tags.remove(budget.tag());
        } else {
          store.saveTagBudget(budget);
          tags.put(budget.tag(), budget);
        }
        snapshot = new Snapshot(snapshot.teams, snapshot.keys, Map.copyOf(tags));
        return budget;
      }
    }, false);
  }

  private synchronized void readAll() {
    Map<String, Team> teams = new HashMap<>();
    store.teams().forEach(t -> teams.put(t.id(), t));
    Map<String, KeyGovernance> keys = new HashMap<>();
    store.keyGovernance().forEach(k -> keys.put(k.keyId(), k));
    staticTeams.keySet().forEach(id -> keys.put(id, withStaticTeam(keys.getOrDefault(id, new KeyGovernance(id, null, null, null)))));
    Map<String, TagBudget> tags = new HashMap<>();
    store.tagBudgets().forEach(t -> tags.put(t.tag(), t));
    snapshot = new Snapshot(Map.copyOf(teams), Map.copyOf(keys), Map.copyOf(tags));
  }

  private KeyGovernance withStaticTeam(KeyGovernance g) {
    String team = staticTeams.get(g.keyId());
    return team == null ? g : new KeyGovernance(g.keyId(), team, g.userBudgetUsdDay(), g.sessionBudgetUsd());
  }

  private void checkParent(Team team) {
    if (team.parent() == null) {
      return;
    }
    Team parent = snapshot.teams.get(team.parent());
    if (parent == null || team.parent().equals(team.id())) {
      throw new ApiErrorException(
          ApiError.badRequest("invalid_value", "parent", "No organization with id '" + team.parent() + "'."));
    }
    if (parent.parent() != null) {
      throw new ApiErrorException(ApiError.badRequest("invalid_value", "parent",
          "Team '" + parent.id() + "' belongs to '" + parent.parent()
              + "' and cannot be a parent: one level of nesting (organization, team, key)."));
    }
    if (snapshot.teams.values().stream().anyMatch(t -> team.id().equals(t.parent()))) {
      throw conflict("team_is_organization", "parent",
          "Team '" + team.id() + "' is the organization of other teams and cannot have a parent.");
    }
  }

  private static ApiErrorException conflict(String code, String param, String message) {
    return new ApiErrorException(new ApiError(409, "invalid_request_error", code, param, message));
  }

  /** One consistent view of everything, replaced whole on every change. */
  private record Snapshot(
      Map<String, Team> teams, Map<String, KeyGovernance> keys, Map<String, TagBudget> tags) {}
}
