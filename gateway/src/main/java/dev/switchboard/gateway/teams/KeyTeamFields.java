package dev.switchboard.gateway.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import io.vertx.core.Future;
import java.util.function.UnaryOperator;

/**
 * Handles the key fields the admin keys API accepts for governance ({@code team}, {@code
 * team_role} {@code member|admin}, {@code user_budget_usd_day}, {@code session_budget_usd}): takes
 * them out of a key body before the key's own fields are read, saves them beside the key, and adds
 * them to the key's JSON. Leaving a team ({@code team: null}) also ends being its admin.
 */
public final class KeyTeamFields {
  private static final String TEAM = "team";
  private static final String USER_BUDGET = "user_budget_usd_day";
  private static final String SESSION_BUDGET = "session_budget_usd";
  private static final String ROLE = "team_role";
  private static final String ADMIN = "admin";
  private static final String MEMBER = "member";

  private final TeamDirectory directory;

  public KeyTeamFields(TeamDirectory directory) {
    this.directory = directory;
  }

  /**
   * Removes the governance fields from {@code body} and returns the change they ask for (identity
   * when there are none).
   *
   * @throws ApiErrorException 400 for a bad value or a team that does not exist
   */
  public UnaryOperator<KeyGovernance> take(JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      return g -> g;
    }
    JsonNode team = object.remove(TEAM);
    JsonNode user = object.remove(USER_BUDGET);
    JsonNode session = object.remove(SESSION_BUDGET);
    JsonNode role = object.remove(ROLE);
    Boolean admin = role == null ? null : admin(role);
    String teamId = team == null ? null : FieldValues.slug(TEAM, team, true);
    if (teamId != null && directory.team(teamId) == null) {
      throw new ApiErrorException(ApiError.badRequest("invalid_value", TEAM, "No team with id '" + teamId + "'."));
    }
    Double userCap = user == null ? null : FieldValues.usd(USER_BUDGET, user);
    Double sessionCap = session == null ? null : FieldValues.usd(SESSION_BUDGET, session);
    return g -> new KeyGovernance(
        g.keyId(),
        team == null ? g.team() : teamId,
        user == null ? g.userBudgetUsdDay() : userCap,
        session == null ? g.sessionBudgetUsd() : sessionCap,
        admin != null ? admin : (team == null || teamId != null) && g.teamAdmin());
  }

  private static boolean admin(JsonNode role) {
    if (role.isNull() || (role.isTextual() && MEMBER.equals(role.asText()))) {
      return false;
    }
    if (role.isTextual() && ADMIN.equals(role.asText())) {
      return true;
    }
    throw FieldValues.invalid(ROLE, "'team_role' must be \"member\" or \"admin\".");
  }

  /**
   * Checks the governance a new key would get.
   *
   * @throws ApiErrorException 400 for a team admin without a team
   */
  public void checkNew(UnaryOperator<KeyGovernance> change) {
    KeyGovernance created = change.apply(new KeyGovernance(null, null, null, null));
    if (created.teamAdmin() && created.team() == null) {
      throw FieldValues.invalid(ROLE, "A key without a team cannot be a team's admin; set 'team' too.");
    }
  }

  /** Saves the change for key {@code keyId} (nothing to do when it changes nothing). */
  public Future<Void> apply(String keyId, UnaryOperator<KeyGovernance> change) {
    KeyGovernance current = current(keyId);
    if (change.apply(current).equals(current)) {
      return Future.succeededFuture();
    }
    return directory.saveKeyGovernance(keyId, change).mapEmpty();
  }

  /** Adds the key's team and caps to its JSON. */
  public void render(String keyId, ObjectNode key) {
    KeyGovernance g = current(keyId);
    key.put(TEAM, g.team());
    key.put(USER_BUDGET, g.userBudgetUsdDay());
    key.put(SESSION_BUDGET, g.sessionBudgetUsd());
    key.put(ROLE, g.team() == null ? null : g.teamAdmin() ? ADMIN : MEMBER);
  }

  private KeyGovernance current(String keyId) {
    KeyGovernance g = directory.governance(keyId);
    return g == null ? new KeyGovernance(keyId, null, null, null) : g;
  }
}
