package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.gateway.teams.KeyGovernance;
import dev.switchboard.gateway.teams.Team;
import dev.switchboard.gateway.teams.TeamDirectory;
import dev.switchboard.gateway.stats.ResultCsv;
import dev.switchboard.gateway.stats.ResultJson;
import dev.switchboard.gateway.stats.StatsRequest;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import dev.switchboard.telemetry.stats.analysis.AnalysisResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /v1/stats/{analysis}} (every analysis, {@code overview} included) and
 * {@code GET /v1/stats} (the list): validates parameters on the event loop, then queries and
 * renders on a worker thread.
 */
public final class StatsHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(StatsHandler.class);
  private final AggregateSource source;
  private final Clock clock;
  private final TeamDirectory teams;

  public StatsHandler(AggregateSource source, Clock clock) {
    this(source, clock, null);
  }

  /**
   * Creates the handler.
   *
   * @param teams resolves {@code team=<id>} to the keys of the team (or organization); null
   *     refuses the parameter as unknown
   */
  public StatsHandler(AggregateSource source, Clock clock, TeamDirectory teams) {
    this.source = source;
    this.clock = clock;
    this.teams = teams;
  }

  /**
   * Answers {@code GET /v1/stats} with every analysis, its description and parameters; {@code team}
   * lists the ids of the teams and organizations for callers who see every key's records (so the
   * dashboard can offer them), and none for a gateway key, which sees only its own.
   */
  public void list(RoutingContext ctx) {
    ObjectNode catalog = ResultJson.list(Analyses.all());
    if (teams != null) {
      boolean allKeys = Caller.of(ctx).statsScope() == null;
      for (JsonNode analysis : catalog.get("data")) {
        ObjectNode team = ((ArrayNode) analysis.get("parameters")).addObject()
            .put("name", "team")
            .put("description", "Only records of the keys of this team, or of the teams of this organization");
        if (allKeys) {
          ArrayNode values = team.putArray("values");
          teams.teams().forEach(t -> values.add(t.id()));
        }
      }
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(JsonCodec.write(catalog));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = ctx.pathParam("analysis");
    Analysis analysis = Analyses.find(name).orElse(null);
    if (analysis == null) {
      ErrorResponder.send(ctx.response(), new ApiError(404, "invalid_request_error", "unknown_analysis", "analysis",
          "Unknown analysis '" + name + "'; GET /v1/stats lists them."));
      return;
    }
    StatsRequest request;
    try {
      request = scoped(analysis, params(ctx), Caller.of(ctx));
    } catch (ApiErrorException e) {
      ErrorResponder.send(ctx.response(), e.error());
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> render(analysis, request), false)
        .onSuccess(body -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE,
                request.format() == StatsRequest.Format.CSV ? "text/csv; charset=utf-8" : "application/json")
            .end(body))
        .onFailure(t -> {
          LOG.warn("stats analysis {} failed: {}", analysis.name(), t.toString());
          ErrorResponder.send(ctx.response(), ApiError.internal("The stats query failed."));
        });
  }

  private Buffer render(Analysis analysis, StatsRequest request) {
    AnalysisResult result = Analyses.run(analysis, source, request.query(), clock);
    return request.format() == StatsRequest.Format.CSV
        ? Buffer.buffer(ResultCsv.render(result))
        : JsonCodec.write(ResultJson.render(analysis, result));
  }

  /**
   * Parses the request and limits it to what {@code caller} may read: the admin (and anonymous
   * callers in auth mode {@code none}) everything, {@code team=<id>} narrowing it to that team's
   * or organization's keys; a team's admin key its team's records (or one of its organization's
   * teams), other teams refused; any other key its own records, {@code team=} refused.
   */
  private StatsRequest scoped(Analysis analysis, Map<String, List<String>> params, Caller caller) {
    List<String> team = teams == null ? null : params.remove("team");
    StatsRequest parsed = StatsRequest.parse(analysis, params);
    KeyGovernance governance = teams == null || caller.key() == null ? null : teams.governance(caller.key().id());
    if (governance != null && governance.teamAdmin() && governance.team() != null) {
      String asked = team == null ? governance.team() : namedTeam(team).id();
      if (!administers(governance.team(), asked)) {
        throw new ApiErrorException(new ApiError(403, "permission_error", "team_not_allowed", "team",
            "This key administers team '" + governance.team() + "' and cannot read the stats of '" + asked + "'."));
      }
      return parsed.forKeys(teams.keyIdsOf(asked));
    }
    if (team != null && caller.key() != null) {
      throw new ApiErrorException(new ApiError(403, "permission_error", "team_not_allowed", "team",
          "Only the admin key or a team's admin key may read a team's stats; this key sees its own records."));
    }
    // key isolation: a gateway key sees only its own records, whatever it asks for
    return (team == null ? parsed : parsed.forKeys(teams.keyIdsOf(namedTeam(team).id())))
        .scopedTo(caller.statsScope());
  }

  /** Returns whether the admin of team {@code own} may read team {@code asked}: itself, or a team of its organization. */
  private boolean administers(String own, String asked) {
    Team team = teams.team(asked);
    return own.equals(asked) || (team != null && own.equals(team.parent()));
  }

  /** Returns the team named by {@code team=}; 400 for an unknown team or a repeated parameter. */
  private Team namedTeam(List<String> team) {
    Team named = team.size() != 1 ? null : teams.team(team.get(0).trim());
    if (named == null) {
      throw new ApiErrorException(ApiError.badRequest("invalid_value", "team",
          "'team' must be given once and name an existing team or organization."));
    }
    return named;
  }

  private static Map<String, List<String>> params(RoutingContext ctx) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String name : ctx.queryParams().names()) {
      params.put(name, ctx.queryParams().getAll(name));
    }
    return params;
  }
}
