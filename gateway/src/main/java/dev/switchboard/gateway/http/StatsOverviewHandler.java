package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.telemetry.store.UsageOverview;
import dev.switchboard.telemetry.store.UsageStore;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /v1/stats/overview?from=&to=}: requests, tokens by kind, cost and per-model
 * totals for the window, queried on a worker thread.
 */
public final class StatsOverviewHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(StatsOverviewHandler.class);
  private final UsageStore store;
  private final Clock clock;

  public StatsOverviewHandler(UsageStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Instant from;
    Instant to;
    try {
      from = parseBound(ctx.request().getParam("from"), "from", Instant.EPOCH);
      to = parseBound(ctx.request().getParam("to"), "to", clock.instant().plusSeconds(1));
    } catch (ApiErrorException e) {
      ErrorResponder.send(ctx.response(), e.error());
      return;
    }
    if (!from.isBefore(to)) {
      ErrorResponder.send(
          ctx.response(), ApiError.badRequest("invalid_value", "from", "'from' must be before 'to'."));
      return;
    }
    Instant windowFrom = from;
    Instant windowTo = to;
    // key isolation: a gateway key sees only its own records, whatever it asks for
    Caller caller = Caller.of(ctx);
    String asked = ctx.request().getParam("key");
    String key = caller.statsScope() != null ? caller.statsScope() : asked == null || asked.isBlank() ? null : asked;
    ctx.vertx()
        .executeBlocking(() -> store.overview(windowFrom, windowTo, key), false)
        .onSuccess(
            overview ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(JsonCodec.write(render(overview))))
        .onFailure(
            t -> {
              LOG.warn("stats overview query failed: {}", t.toString());
              ErrorResponder.send(ctx.response(), ApiError.internal("The stats query failed."));
            });
  }

  /** Parses an ISO date ({@code 2026-01-31}, start of day UTC) or instant; absent gives the default. */
  static Instant parseBound(String value, String param, Instant absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiErrorException(
          ApiError.badRequest(
              "invalid_value",
              param,
              "Invalid '" + param + "': expected an ISO date (2026-01-31) or instant (2026-01-31T12:00:00Z)."));
    }
  }

  private static ObjectNode render(UsageOverview overview) {
    ObjectNode root = JsonCodec.object();
    root.put("analysis", "overview");
    ObjectNode window = root.putObject("window");
    window.put("from", overview.from().toString());
    window.put("to", overview.to().toString());
    root.put("requests", overview.requests());
    root.put("errors", overview.errors());
    root.put("cancelled", overview.cancelled());
    root.put("error_rate", overview.requests() == 0 ? 0.0 : (double) overview.errors() / overview.requests());
    root.set("tokens", tokens(overview.tokens()));
    root.put("cost_usd", overview.costUsd());
    ArrayNode models = root.putArray("models");
    for (UsageOverview.ModelTotals m : overview.models()) {
      ObjectNode model = models.addObject();
      model.put("model", m.model());
      model.put("provider", m.provider());
      model.put("requests", m.requests());
      model.put("errors", m.errors());
      model.set("tokens", tokens(m.tokens()));
      model.put("cost_usd", m.costUsd());
    }
    return root;
  }

  private static ObjectNode tokens(UsageOverview.TokenTotals t) {
    ObjectNode tokens = JsonCodec.object();
    tokens.put("prompt", t.prompt());
    tokens.put("completion", t.completion());
    tokens.put("total", t.total());
    tokens.put("reasoning", t.reasoning());
    tokens.put("cached_read", t.cachedRead());
    tokens.put("cache_write", t.cacheWrite());
    tokens.put("normalized_prompt", t.normalizedPrompt());
    tokens.put("normalized_completion", t.normalizedCompletion());
    return tokens;
  }
}
