package dev.switchboard.gateway.provider;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.routing.ResolvedTarget;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.RequestOptions;

/**
 * Bundles what an adapter needs for one upstream attempt.
 *
 * @param abandoned completes when the attempt is given up (client gone, timeout): the adapter
 *     then resets its upstream request at once so no upstream work is left orphaned
 * @param traceparent the W3C {@code traceparent} of this attempt's span, sent upstream; null when
 *     the request is not traced
 */
public record UpstreamCall(
    ChatRequest request,
    ResolvedTarget target,
    String requestId,
    Future<Void> abandoned,
    String traceparent) {

  /** Returns a call that is not traced. */
  public UpstreamCall(
      ChatRequest request, ResolvedTarget target, String requestId, Future<Void> abandoned) {
    this(request, target, requestId, abandoned, null);
  }

  /** Returns a call that is never abandoned. */
  public UpstreamCall(ChatRequest request, ResolvedTarget target, String requestId) {
    this(request, target, requestId, Promise.<Void>promise().future());
  }

  /** Adds this attempt's {@code traceparent} to the upstream request, when it is traced. */
  public RequestOptions forwardTrace(RequestOptions options) {
    return traceparent == null ? options : options.putHeader("traceparent", traceparent);
  }
}
