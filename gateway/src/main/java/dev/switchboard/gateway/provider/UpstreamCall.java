package dev.switchboard.gateway.provider;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.routing.ResolvedTarget;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Bundles what an adapter needs for one upstream attempt.
 *
 * @param abandoned completes when the attempt is given up (client gone, timeout): the adapter
 *     then resets its upstream request at once so no upstream work is left orphaned
 */
public record UpstreamCall(
    ChatRequest request, ResolvedTarget target, String requestId, Future<Void> abandoned) {

  /** Returns a call that is never abandoned. */
  public UpstreamCall(ChatRequest request, ResolvedTarget target, String requestId) {
    this(request, target, requestId, Promise.<Void>promise().future());
  }
}
