package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.observability.AttemptTrace;
import dev.switchboard.gateway.observability.RequestTrace;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.ProviderRegistry;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamCall;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Runs routing decisions for one event loop's requests: starts a {@link Dispatch} per request with
 * this loop's provider adapters and the shared routing runtime.
 */
public final class Dispatcher {
  private final Vertx vertx;
  private final ProviderRegistry providers;
  private final RoutingRuntime runtime;
  private final Backoff backoff;

  public Dispatcher(Vertx vertx, ProviderRegistry providers, RoutingRuntime runtime) {
    this.vertx = vertx;
    this.providers = providers;
    this.runtime = runtime;
    this.backoff =
        new Backoff(runtime.config().backoffBase(), runtime.config().backoffMax(), runtime.random());
  }

  /** Starts serving a non-streaming request. */
  public Dispatch<ChatCompletion> complete(ChatRequest request, String requestId, RouteRequest route) {
    return complete(request, requestId, route, RequestTrace.NONE);
  }

  /** Starts serving a non-streaming request whose attempts are traced under {@code trace}. */
  public Dispatch<ChatCompletion> complete(
      ChatRequest request, String requestId, RouteRequest route, RequestTrace trace) {
    Dispatch<ChatCompletion> dispatch =
        new Dispatch<>(this, route, request, requestId, new CompletionAttempts(), trace);
    dispatch.start();
    return dispatch;
  }

  /** Starts serving a streaming request; opened streams go to {@code consumer}. */
  public Dispatch<StreamEnd> stream(
      ChatRequest request, String requestId, RouteRequest route, StreamConsumer consumer) {
    return stream(request, requestId, route, consumer, RequestTrace.NONE);
  }

  /** Starts serving a streaming request whose attempts are traced under {@code trace}. */
  public Dispatch<StreamEnd> stream(
      ChatRequest request,
      String requestId,
      RouteRequest route,
      StreamConsumer consumer,
      RequestTrace trace) {
    Dispatch<StreamEnd> dispatch =
        new Dispatch<>(
            this, route, request, requestId, new StreamAttempts(consumer, runtime.ticker()), trace);
    dispatch.start();
    return dispatch;
  }

  RoutingRuntime runtime() {
    return runtime;
  }

  Backoff backoff() {
    return backoff;
  }

  Optional<ProviderAdapter> adapterFor(ResolvedTarget target) {
    return providers.adapterFor(target.provider().kind());
  }

  /** Prepares an attempt on {@code target}; its clock starts now. */
  Attempt newAttempt(
      ChatRequest request,
      String requestId,
      ResolvedTarget target,
      ProviderAdapter adapter,
      AttemptTrace trace) {
    Promise<Void> abandon = Promise.promise();
    UpstreamCall call =
        new UpstreamCall(request, target, requestId, abandon.future(), trace.traceparent());
    return new Attempt(
        target,
        adapter,
        call,
        abandon,
        new AttemptTimers(vertx, target.timeouts()),
        runtime.ticker().nanos(),
        trace);
  }
}
