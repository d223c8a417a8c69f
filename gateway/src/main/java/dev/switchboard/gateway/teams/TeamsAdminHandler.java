package dev.switchboard.gateway.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.admin.AdminReplies;
import dev.switchboard.gateway.http.ErrorResponder;
import dev.switchboard.gateway.limits.BudgetLedger;
import dev.switchboard.gateway.state.StoreUnavailableException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /v1/admin/teams} (POST creates, GET lists, GET/PATCH/DELETE {@code /{id}}) and
 * {@code /v1/admin/tags} (GET lists tag budgets, GET/PUT/DELETE {@code /{tag}}). Only the admin may
 * call it; errors have OpenAI's shape.
 */
public final class TeamsAdminHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TeamsAdminHandler.class);
  private static final Set<String> TAG_FIELDS = Set.of("budget_usd_day", "budget_usd_month", "warn_only");

  private final TeamDirectory teams;
  private final BudgetLedger spend;
  private final boolean adminConfigured;
  private final Clock clock;

  public TeamsAdminHandler(TeamDirectory teams, BudgetLedger spend, boolean adminConfigured, Clock clock) {
    this.teams = teams;
    this.spend = spend;
    this.adminConfigured = adminConfigured;
    this.clock = clock;
  }

  /** Handles {@code POST /v1/admin/teams}. */
  public void create(RoutingContext ctx) {
    JsonNode body = adminBody(ctx);
    if (body == null) {
      return;
    }
    try {
      String id = TeamJson.id(body);
      teams.saveTeam(id, true, TeamJson.parse(body, id, clock.instant().truncatedTo(ChronoUnit.MICROS)))
          .onSuccess(team -> {
            LOG.info("created team {}", id);
            send(ctx, 201, TeamJson.render(team.orElseThrow(), spend.spent(Team.ledgerId(id))));
          })
          .onFailure(t -> failed(ctx, "create", t));
    } catch (ApiErrorException e) {
      ErrorResponder.send(ctx.response(), e.error());
    }
  }

  /** Handles {@code GET /v1/admin/teams}. */
  public void list(RoutingContext ctx) {
    if (isAdmin(ctx)) {
      ObjectNode root = listRoot();
      ArrayNode data = (ArrayNode) root.get("data");
      teams.teams().forEach(t -> data.add(TeamJson.render(t, spend.spent(t.ledgerId()))));
      send(ctx, 200, root);
    }
  }

  /** Handles {@code GET /v1/admin/teams/:id}. */
  public void get(RoutingContext ctx) {
    if (isAdmin(ctx)) {
      Team team = teams.team(ctx.pathParam("id"));
      if (team == null) {
        teamNotFound(ctx);
      } else {
        send(ctx, 200, TeamJson.render(team, spend.spent(team.ledgerId())));
      }
    }
  }

  /** Handles {@code PATCH /v1/admin/teams/:id}. */
  public void update(RoutingContext ctx) {
    JsonNode body = adminBody(ctx);
    if (body == null) {
      return;
    }
    String id = ctx.pathParam("id");
    try {
      teams.saveTeam(id, false, TeamJson.parse(body, id, clock.instant()))
          .onSuccess(team -> {
            if (team.isEmpty()) {
              teamNotFound(ctx);
            } else {
              send(ctx, 200, TeamJson.render(team.get(), spend.spent(team.get().ledgerId())));
            }
          })
          .onFailure(t -> failed(ctx, "update", t));
    } catch (ApiErrorException e) {
      ErrorResponder.send(ctx.response(), e.error());
    }
  }

  /** Handles {@code DELETE /v1/admin/teams/:id}. */
  public void delete(RoutingContext ctx) {
    if (isAdmin(ctx)) {
      String id = ctx.pathParam("id");
      teams.deleteTeam(id)
          .onSuccess(deleted -> {
            if (!deleted) {
              teamNotFound(ctx);
              return;
            }
            LOG.info("deleted team {}", id);
            ObjectNode o = JsonCodec.object();
            o.put("id", id);
            o.put("object", "team");
            o.put("deleted", true);
            send(ctx, 200, o);
          })
          .onFailure(t -> failed(ctx, "delete", t));
    }
  }

  /** Handles {@code GET /v1/admin/tags}: every tag with a budget. */
  public void listTags(RoutingContext ctx) {
    if (isAdmin(ctx)) {
      ObjectNode root = listRoot();
      ArrayNode data = (ArrayNode) root.get("data");
      teams.tagBudgets().forEach(b -> data.add(renderTag(b.tag(), b)));
      send(ctx, 200, root);
    }
  }

  /** Handles {@code GET /v1/admin/tags/:tag}: its budget (null when none) and its spend. */
  public void getTag(RoutingContext ctx) {
    if (isAdmin(ctx)) {
      String tag = tag(ctx);
      if (tag != null) {
        send(ctx, 200, renderTag(tag, teams.tagBudget(tag)));
      }
    }
  }

  /** Handles {@code PUT /v1/admin/tags/:tag}: sets its day and month budgets (both null removes it). */
  public void putTag(RoutingContext ctx) {
    JsonNode body = adminBody(ctx);
    String tag = body == null ? null : tag(ctx);
    if (tag == null) {
      return;
    }
    try {
      if (!body.isObject()) {
        throw FieldValues.invalid(null, "The request body must be a JSON object.");
      }
      for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!TAG_FIELDS.contains(field)) {
          throw FieldValues.unknown(field);
        }
      }
      // PUT replaces the whole budget: an absent field is no budget
      TagBudget budget = new TagBudget(tag,
          FieldValues.usd("budget_usd_day", body.path("budget_usd_day").isMissingNode() ? NullNode.getInstance() : body.get("budget_usd_day")),
          FieldValues.usd("budget_usd_month", body.path("budget_usd_month").isMissingNode() ? NullNode.getInstance() : body.get("budget_usd_month")),
          body.has("warn_only") && FieldValues.bool("warn_only", body.get("warn_only")));
      teams.saveTagBudget(budget)
          .onSuccess(saved -> send(ctx, 200, renderTag(tag, teams.tagBudget(tag))))
          .onFailure(t -> failed(ctx, "tag budget", t));
    } catch (ApiErrorException e) {
      ErrorResponder.send(ctx.response(), e.error());
    }
  }

  /** Handles {@code DELETE /v1/admin/tags/:tag}: removes its budget. */
  public void deleteTag(RoutingContext ctx) {
    String tag = isAdmin(ctx) ? tag(ctx) : null;
    if (tag != null) {
      teams.saveTagBudget(new TagBudget(tag, null, null, false))
          .onSuccess(saved -> send(ctx, 200, renderTag(tag, null)))
          .onFailure(t -> failed(ctx, "tag budget", t));
    }
  }

  private ObjectNode renderTag(String tag, TagBudget budget) {
    ObjectNode o = JsonCodec.object();
    o.put("tag", tag);
    o.put("object", "tag_budget");
    o.put("budget_usd_day", budget == null ? null : budget.budgetUsdDay());
    o.put("budget_usd_month", budget == null ? null : budget.budgetUsdMonth());
    o.put("warn_only", budget != null && budget.warnOnly());
    var spent = spend.spent(TagBudget.ledgerId(tag));
    ObjectNode s = o.putObject("spend");
    s.put("day_usd", spent.dayUsd());
    s.put("month_usd", spent.monthUsd());
    return o;
  }

  /** Returns the path's tag normalized, or answers 400 and returns null when nothing is left. */
  private static String tag(RoutingContext ctx) {
    String tag = RequestTags.normalize(ctx.pathParam("tag"));
    if (tag.isEmpty() || !tag.equals(ctx.pathParam("tag"))) {
      ErrorResponder.send(ctx.response(), ApiError.badRequest("invalid_value", "tag",
          "A tag is 1 to 64 characters of a-z, 0-9, '_', '.' or '-'."));
      return null;
    }
    return tag;
  }

  private JsonNode adminBody(RoutingContext ctx) {
    if (!isAdmin(ctx)) {
      return null;
    }
    try {
      return JsonCodec.read(ctx.body().buffer());
    } catch (IOException | RuntimeException e) {
      ErrorResponder.send(ctx.response(), ApiError.badRequest("invalid_json", null, "The request body is not valid JSON."));
      return null;
    }
  }

  private boolean isAdmin(RoutingContext ctx) {
    return AdminReplies.isAdmin(ctx, adminConfigured);
  }

  private static ObjectNode listRoot() {
    ObjectNode root = JsonCodec.object();
    root.put("object", "list");
    root.putArray("data");
    return root;
  }

  private static void teamNotFound(RoutingContext ctx) {
    ErrorResponder.send(ctx.response(), new ApiError(404, "invalid_request_error", "team_not_found",
        "id", "No team with id '" + ctx.pathParam("id") + "'."));
  }

  private static void send(RoutingContext ctx, int status, ObjectNode body) {
    AdminReplies.send(ctx, status, body);
  }

  private static void failed(RoutingContext ctx, String action, Throwable t) {
    if (t instanceof ApiErrorException api) {
      ErrorResponder.send(ctx.response(), api.error());
      return;
    }
    if (StoreUnavailableException.isCause(t)) {
      ErrorResponder.send(ctx.response(), new ApiError(503, "server_error", "team_store_unavailable", null,
          "The admin team operation (" + action + ") failed: the state database is unreachable. Try again later."));
      return;
    }
    LOG.warn("admin team {} failed: {}", action, t.toString());
    ErrorResponder.send(ctx.response(), ApiError.internal("The admin team operation (" + action + ") failed."));
  }
}
