package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.UsageStore;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /v1/generation?id=}: one request's stored record in the shape of OpenRouter's
 * generation endpoint, with every upstream attempt. Records are written in batches, so a request
 * is found a moment (the flush interval) after it ended. The store is read on a worker thread.
 */
public final class GenerationHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationHandler.class);
  private final UsageStore store;

  public GenerationHandler(UsageStore store) {
    this.store = store;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = ctx.request().getParam("id");
    if (id == null || id.isBlank()) {
      ErrorResponder.send(
          ctx.response(),
          ApiError.badRequest("missing_required_parameter", "id", "Missing required parameter: 'id'."));
      return;
    }
    // a gateway key sees only its own generations; admin (and auth mode none) sees all
    String scope = Caller.of(ctx).statsScope();
    ctx.vertx()
        .executeBlocking(
            () -> store.findById(id).filter(r -> scope == null || scope.equals(r.apiKeyId())), false)
        .onSuccess(
            record -> {
              if (record.isEmpty()) {
                ErrorResponder.send(
                    ctx.response(),
                    new ApiError(404, "invalid_request_error", "generation_not_found", "id",
                        "Generation " + id + " not found (records appear shortly after a request ends)."));
                return;
              }
              ObjectNode root = JsonCodec.object();
              root.set("data", render(record.get()));
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .end(JsonCodec.write(root));
            })
        .onFailure(
            t -> {
              LOG.warn("generation lookup failed: {}", t.toString());
              ErrorResponder.send(ctx.response(), ApiError.internal("The generation lookup failed."));
            });
  }

  /** Renders OpenRouter's generation fields that apply, plus Switchboard's own outcome fields. */
  static ObjectNode render(UsageRecord r) {
    ObjectNode data = JsonCodec.object();
    data.put("id", r.id());
    data.put("created_at", r.timestamp().toString());
    data.put("model", r.servedModel());
    data.put("requested_model", r.requestedModel());
    data.put("provider_name", r.provider());
    data.put("app", r.app());
    data.put("external_user", r.endUser());
    data.put("streamed", r.streamed());
    data.put("cancelled", r.outcome() == Outcome.CANCELLED);
    data.put("latency", r.latencyMs());
    data.put("time_to_first_token", r.ttftMs());
    data.put("generation_time", r.ttftMs() == null ? r.latencyMs() : r.latencyMs() - r.ttftMs());
    data.put("finish_reason", r.finishReason() == null ? null : r.finishReason().wireName());
    data.put("native_finish_reason", r.nativeFinishReason());
    // OpenRouter's tokens_* are counted with one tokenizer for every model; native_* are the provider's
    data.put("tokens_prompt", r.normalizedPromptTokens());
    data.put("tokens_completion", r.normalizedCompletionTokens());
    TokenUsage usage = r.usage();
    data.put("native_tokens_prompt", usage.promptTokens());
    data.put("native_tokens_completion", usage.completionTokens());
    data.put("native_tokens_reasoning", usage.reasoningTokens());
    data.put("native_tokens_cached", usage.cachedReadTokens());
    data.put("native_tokens_cache_write", usage.cacheWriteTokens());
    data.put("total_cost", r.costUsd());
    data.put("usage", r.costUsd());
    data.put("is_byok", r.byok());
    data.put("status", r.httpStatus());
    data.put("outcome", r.outcome() == null ? null : r.outcome().label());
    data.put("error_type", r.errorType());
    data.put("attempts", r.attempts());
    ArrayNode responses = data.putArray("provider_responses");
    for (ProviderAttempt attempt : r.providerAttempts()) {
      ObjectNode response = responses.addObject();
      response.put("provider_name", attempt.provider());
      response.put("model", attempt.model());
      response.put("status", attempt.status());
      response.put("latency", attempt.latencyMs());
      response.put("error_type", attempt.errorType());
    }
    return data;
  }
}
