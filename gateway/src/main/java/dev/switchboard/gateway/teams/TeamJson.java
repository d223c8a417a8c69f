package dev.switchboard.gateway.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.ModelPatterns;
import dev.switchboard.gateway.limits.SpendTotals;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the admin API's team bodies into validated changes and writes teams as JSON. A field set
 * to {@code null} clears it; an absent field is left alone.
 */
final class TeamJson {
  private static final Set<String> FIELDS =
      Set.of("id", "name", "parent", "members", "models", "rpm", "tpm", "budget_usd_day",
          "budget_usd_month", "user_budget_usd_day", "session_budget_usd", "warn_only");
  private static final long MAX_RPM = 100_000_000L;

  private TeamJson() {}

  /** Returns the id of a team to create ({@code id} is required). */
  static String id(JsonNode body) {
    if (!body.isObject() || !body.has("id")) {
      throw FieldValues.invalid("id", "'id' is required.");
    }
    return FieldValues.slug("id", body.get("id"), false);
  }

  /**
   * Validates {@code body} and returns the change it asks for, applied to the current team (null
   * when creating one with id {@code id}).
   */
  static UnaryOperator<Team> parse(JsonNode body, String id, Instant now) {
    if (!(body instanceof ObjectNode patch)) {
      throw FieldValues.invalid(null, "The request body must be a JSON object.");
    }
    for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw FieldValues.unknown(field);
      }
    }
    if (patch.has("id") && !id.equals(patch.get("id").asText())) {
      throw FieldValues.invalid("id", "A team's id cannot be changed.");
    }
    Team blank = new Team(id, null, null, null, null, null, null, null, null, null, null, now, false);
    Team probe = apply(blank, patch); // validates every field once, before any store call
    return current -> current == null ? probe : apply(current, patch);
  }

  private static Team apply(Team t, ObjectNode patch) {
    JsonNode v;
    return new Team(
        t.id(),
        (v = patch.get("name")) == null ? t.name() : v.isNull() ? null : FieldValues.text("name", v),
        (v = patch.get("parent")) == null ? t.parent() : FieldValues.slug("parent", v, true),
        (v = patch.get("members")) == null ? t.members() : FieldValues.words("members", v),
        (v = patch.get("models")) == null ? t.models() : new ModelPatterns(FieldValues.words("models", v)),
        (v = patch.get("rpm")) == null ? t.rpm() : toInt(FieldValues.count("rpm", v, MAX_RPM)),
        (v = patch.get("tpm")) == null ? t.tpm() : FieldValues.count("tpm", v, Long.MAX_VALUE),
        (v = patch.get("budget_usd_day")) == null ? t.budgetUsdDay() : FieldValues.usd("budget_usd_day", v),
        (v = patch.get("budget_usd_month")) == null ? t.budgetUsdMonth() : FieldValues.usd("budget_usd_month", v),
        (v = patch.get("user_budget_usd_day")) == null
            ? t.userBudgetUsdDay() : FieldValues.usd("user_budget_usd_day", v),
        (v = patch.get("session_budget_usd")) == null
            ? t.sessionBudgetUsd() : FieldValues.usd("session_budget_usd", v),
        t.createdAt(),
        (v = patch.get("warn_only")) == null ? t.warnOnly() : FieldValues.bool("warn_only", v));
  }

  private static Integer toInt(Long value) {
    return value == null ? null : value.intValue();
  }

  /** Renders a team with its spend today and this month. */
  static ObjectNode render(Team t, SpendTotals spend) {
    ObjectNode o = JsonCodec.object();
    o.put("id", t.id());
    o.put("object", "team");
    o.put("name", t.name());
    o.put("parent", t.parent());
    strings(o.putArray("members"), t.members());
    strings(o.putArray("models"), t.models().patterns());
    o.put("rpm", t.rpm());
    o.put("tpm", t.tpm());
    o.put("budget_usd_day", t.budgetUsdDay());
    o.put("budget_usd_month", t.budgetUsdMonth());
    o.put("user_budget_usd_day", t.userBudgetUsdDay());
    o.put("session_budget_usd", t.sessionBudgetUsd());
    o.put("warn_only", t.warnOnly());
    o.put("created_at", t.createdAt() == null ? null : t.createdAt().toString());
    ObjectNode spent = o.putObject("spend");
    spent.put("day_usd", spend.dayUsd());
    spent.put("month_usd", spend.monthUsd());
    return o;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
