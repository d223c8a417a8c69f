package dev.switchboard.gateway.http;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.gateway.limits.AccessPolicy;
import dev.switchboard.gateway.limits.Admission;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.ProviderRegistry;
import dev.switchboard.gateway.provider.UpstreamCall;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.routing.ResolvedTarget;
import dev.switchboard.gateway.usage.UsageDraft;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.Outcome;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;

/**
 * Serves {@code POST /v1/chat/completions}: validate, admit (keys, budgets, limits), route, call
 * the provider, relay, record.
 */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {
  private final ModelRouter router;
  private final ProviderRegistry providers;
  private final UsageRecorder recorder;
  private final AccessPolicy policy;
  private final Clock clock;

  public ChatCompletionsHandler(
      ModelRouter router, ProviderRegistry providers, UsageRecorder recorder, Clock clock) {
    this(router, providers, recorder, AccessPolicy.admitAll(), clock);
  }

  public ChatCompletionsHandler(
      ModelRouter router,
      ProviderRegistry providers,
      UsageRecorder recorder,
      AccessPolicy policy,
      Clock clock) {
    this.router = router;
    this.providers = providers;
    this.recorder = recorder;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UsageDraft draft = recorder.open(ClientApp.of(ctx.request()));
    draft.caller(caller.keyId(), caller.country(), caller.continent());
    draft.storeBodies(caller.storesBodies());
    HttpServerResponse response = ctx.response();
    response.putHeader("x-request-id", draft.id());
    ChatRequest request;
    try {
      request = ChatRequestParser.parse(ctx.body().buffer());
    } catch (ApiErrorException e) {
      rejectClient(response, draft, e.error());
      return;
    }
    draft.request(request);
    policy
        .admit(caller, request)
        .onSuccess(admission -> admitted(admission, request, response, draft))
        .onFailure(t -> {
          draft.outcome(500, Outcome.GATEWAY_ERROR, "server_error");
          ErrorResponder.send(response, ApiError.internal("The access check failed."));
          recorder.finish(draft);
        });
  }

  private void admitted(
      Admission admission, ChatRequest request, HttpServerResponse response, UsageDraft draft) {
    admission.headers().forEach(response::putHeader);
    if (!admission.isGranted()) {
      rejectClient(response, draft, admission.refusal());
      return;
    }
    draft.onRecorded(admission.settlement());
    Optional<ResolvedTarget> target = router.primaryTarget(request.model());
    if (target.isEmpty()) {
      rejectClient(response, draft, ApiError.modelNotFound(request.model()));
      return;
    }
    draft.target(target.get());
    Optional<ProviderAdapter> adapter = providers.adapterFor(target.get().provider().kind());
    if (adapter.isEmpty()) {
      ApiError error =
          new ApiError(
              501,
              "server_error",
              "provider_not_supported",
              null,
              "Provider kind '" + target.get().provider().kind().configName()
                  + "' is not supported by this build.");
      draft.outcome(error.status(), Outcome.GATEWAY_ERROR, error.type());
      ErrorResponder.send(response, error);
      recorder.finish(draft);
      return;
    }
    UpstreamCall call = new UpstreamCall(request, target.get(), draft.id());
    if (request.stream()) {
      new StreamRelay(call, response, draft, recorder, clock).start(adapter.get());
    } else {
      complete(adapter.get(), call, response, draft);
    }
  }

  /** Answers and records a request whose body exceeded the size limit before it was parsed. */
  public void rejectOversize(RoutingContext ctx, long limitBytes) {
    Caller caller = Caller.of(ctx);
    UsageDraft draft = recorder.open(ClientApp.of(ctx.request()));
    draft.caller(caller.keyId(), caller.country(), caller.continent());
    ctx.response().putHeader("x-request-id", draft.id());
    rejectClient(ctx.response(), draft, ApiError.bodyTooLarge(limitBytes));
  }

  private void complete(
      ProviderAdapter adapter, UpstreamCall call, HttpServerResponse response, UsageDraft draft) {
    response.closeHandler(
        v -> {
          if (!response.ended()) {
            draft.outcome(499, Outcome.CANCELLED, "cancelled");
            recorder.finish(draft);
          }
        });
    adapter
        .complete(call)
        .onSuccess(completion -> sendCompletion(call, completion, response, draft))
        .onFailure(cause -> failUpstream(cause, response, draft));
  }

  private void sendCompletion(
      UpstreamCall call, ChatCompletion completion, HttpServerResponse response, UsageDraft draft) {
    draft.answer(completion.summary(), completion.completionText());
    ChunkShaper.shapeCompletion(
        completion.body(), draft.id(), call.request().model(), clock.instant().getEpochSecond());
    draft.reportedCost(ChunkShaper.reportedCost(completion.body()));
    ChunkShaper.putCost(completion.body(), draft.cost());
    draft.responseBody(completion.body());
    draft.outcome(200, Outcome.SUCCESS, null);
    if (!response.closed()) {
      response
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(JsonCodec.write(completion.body()));
    }
    recorder.finish(draft);
  }

  private void failUpstream(Throwable cause, HttpServerResponse response, UsageDraft draft) {
    UpstreamFailure failure = UpstreamErrors.asFailure(cause);
    ApiError error = UpstreamErrors.toApiError(failure);
    draft.outcome(error.status(), UpstreamErrors.outcome(failure), error.type());
    ErrorResponder.send(response, error, failure.error().retryAfterSeconds());
    recorder.finish(draft);
  }

  private void rejectClient(HttpServerResponse response, UsageDraft draft, ApiError error) {
    draft.outcome(error.status(), Outcome.CLIENT_ERROR, error.type());
    ErrorResponder.send(response, error);
    recorder.finish(draft);
  }
}
