package dev.switchboard.gateway.http;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.auth.Caller;
import dev.switchboard.gateway.dialect.IngressCodec;
import dev.switchboard.gateway.auth.SimulatedTime;
import dev.switchboard.gateway.limits.AccessPolicy;
import dev.switchboard.gateway.limits.Admission;
import dev.switchboard.gateway.observability.Tracing;
import dev.switchboard.gateway.routing.Dispatch;
import dev.switchboard.gateway.routing.Dispatcher;
import dev.switchboard.gateway.routing.RouteRequest;
import dev.switchboard.gateway.routing.RouteResolver;
import dev.switchboard.gateway.routing.Routed;
import dev.switchboard.gateway.teams.RequestTags;
import dev.switchboard.gateway.usage.UsageDraft;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.Outcome;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Serves one ingress API ({@code POST /v1/chat/completions}, {@code /v1/messages} or {@code
 * /v1/responses}) through the one pipeline: decode with the dialect's codec and resolve the route,
 * admit the caller (keys, budgets, limits), let the dispatcher serve it (retries, fallbacks,
 * breakers, timeouts), then write the answer in the dialect and record how it ended.
 */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {
  private final RouteResolver resolver;
  private final Dispatcher dispatcher;
  private final UsageRecorder recorder;
  private final AccessPolicy policy;
  private final ChatResponder responder;
  private final IngressCodec codec;
  private final Clock clock;
  private final Tracing tracing;

  public ChatCompletionsHandler(
      RouteResolver resolver, Dispatcher dispatcher, UsageRecorder recorder, Clock clock) {
    this(resolver, dispatcher, recorder, AccessPolicy.admitAll(), clock);
  }

  public ChatCompletionsHandler(
      RouteResolver resolver,
      Dispatcher dispatcher,
      UsageRecorder recorder,
      AccessPolicy policy,
      Clock clock) {
    this(resolver, dispatcher, recorder, policy, new ChatCodec(), clock);
  }

  public ChatCompletionsHandler(
      RouteResolver resolver,
      Dispatcher dispatcher,
      UsageRecorder recorder,
      AccessPolicy policy,
      IngressCodec codec,
      Clock clock) {
    this(resolver, dispatcher, recorder, policy, codec, clock, Tracing.off());
  }

  /** Returns a handler that traces its requests with {@code tracing}. */
  public ChatCompletionsHandler(
      RouteResolver resolver,
      Dispatcher dispatcher,
      UsageRecorder recorder,
      AccessPolicy policy,
      IngressCodec codec,
      Clock clock,
      Tracing tracing) {
    this.tracing = tracing;
    this.resolver = resolver;
    this.dispatcher = dispatcher;
    this.recorder = recorder;
    this.policy = policy;
    this.codec = codec;
    this.responder = new ChatResponder(recorder, codec, clock);
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UsageDraft draft = recorder.open(ClientApp.of(ctx.request()), SimulatedTime.of(ctx));
    draft.caller(caller.keyId(), caller.country(), caller.continent());
    draft.storeBodies(caller.storesBodies());
    draft.api(codec.dialect().wireName());
    draft.trace(tracing.start(ctx.request().headers(), codec.dialect().wireName()));
    HttpServerResponse response = ctx.response();
    response.putHeader("x-request-id", draft.id());
    ChatRequest request;
    RouteRequest route;
    try {
      ChatRequest decoded = codec.decode(ctx.body().buffer(), ctx.request().headers());
      draft.request(decoded);
      draft.tags(RequestTags.joined(RequestTags.of(decoded, ctx.request().headers())));
      Routed routed = resolver.route(decoded, ctx.request().headers());
      route = routed.route();
      routed.transformsHeader().ifPresent(t -> response.putHeader(Routed.TRANSFORMS_HEADER, t));
      // an agent's default id (claude-sonnet-4-5-20250929) is checked and limited as its route
      request = routed.request().withModel(route.candidates().get(0).route().name());
      draft.route(request.model());
    } catch (ApiErrorException e) {
      responder.reject(response, draft, e.error());
      return;
    }
    policy
        .admit(caller, request, ctx.request().headers())
        .onSuccess(admission -> admitted(admission, request, route, response, draft))
        .onFailure(
            t -> {
              draft.outcome(500, Outcome.GATEWAY_ERROR, "server_error");
              recorder.finish(draft); // journals before the answer
              ErrorResponder.send(
                  response, codec.dialect(), ApiError.internal("The access check failed."), null);
            });
  }

  private void admitted(
      Admission admission,
      ChatRequest request,
      RouteRequest route,
      HttpServerResponse response,
      UsageDraft draft) {
    admission.headers().forEach(response::putHeader);
    if (!admission.isGranted()) {
      responder.reject(response, draft, admission.refusal());
      return;
    }
    draft.onRecorded(admission.settlement());
    if (request.stream()) {
      StreamRelay relay = new StreamRelay(response, draft, recorder, request, codec, clock);
      watchClient(response, dispatcher.stream(request, draft.id(), route, relay, draft.trace()))
          .result()
          .onSuccess(result -> responder.streamed(response, draft, result));
    } else {
      watchClient(response, dispatcher.complete(request, draft.id(), route, draft.trace()))
          .result()
          .onSuccess(result -> responder.completed(response, draft, request, result));
    }
  }

  /** Answers and records a request whose body exceeded the size limit before it was parsed. */
  public void rejectOversize(RoutingContext ctx, long limitBytes) {
    UsageDraft draft = recorder.open(ClientApp.of(ctx.request()));
    draft.api(codec.dialect().wireName());
    ctx.response().putHeader("x-request-id", draft.id());
    responder.reject(ctx.response(), draft, ApiError.bodyTooLarge(limitBytes));
  }

  /** Cancels {@code dispatch} (and its upstream request) as soon as the client goes away. */
  private static <T> Dispatch<T> watchClient(HttpServerResponse response, Dispatch<T> dispatch) {
    response.closeHandler(
        v -> {
          if (!response.ended()) {
            dispatch.cancel();
          }
        });
    return dispatch;
  }
}
