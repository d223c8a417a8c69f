package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.Caller;
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
import java.util.Set;
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
      // key isolation: a gateway key sees only its own records, whatever it asks for
      request = teamScoped(analysis, params(ctx)).scopedTo(Caller.of(ctx).statsScope());
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

  /** Parses the request; {@code team=<id>} limits it to the keys of that team or organization. */
  private StatsRequest teamScoped(Analysis analysis, Map<String, List<String>> params) {
    List<String> team = teams == null ? null : params.remove("team");
    StatsRequest parsed = StatsRequest.parse(analysis, params);
    return team == null ? parsed : parsed.forKeys(teamKeys(team));
  }

  /** Returns the keys of the team named by {@code team=}; 400 for an unknown team or a repeated parameter. */
  private Set<String> teamKeys(List<String> team) {
    if (team.size() != 1 || teams.team(team.get(0).trim()) == null) {
      throw new ApiErrorException(ApiError.badRequest("invalid_value", "team",
          "'team' must be given once and name an existing team or organization."));
    }
    return teams.keyIdsOf(team.get(0).trim());
  }

  private static Map<String, List<String>> params(RoutingContext ctx) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String name : ctx.queryParams().names()) {
      params.put(name, ctx.queryParams().getAll(name));
    }
    return params;
  }
}
