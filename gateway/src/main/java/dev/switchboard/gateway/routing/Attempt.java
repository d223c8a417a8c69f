package dev.switchboard.gateway.routing;

import dev.switchboard.gateway.observability.AttemptTrace;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamCall;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Holds one upstream attempt while it runs: the call, its adapter and timers, and how to abandon
 * it. Confined to the request's event loop.
 */
final class Attempt {
  private final ResolvedTarget target;
  private final ProviderAdapter adapter;
  private final UpstreamCall call;
  private final Promise<Void> abandon;
  private final AttemptTimers timers;
  private final long startNanos;
  private final AttemptTrace trace;
  private Supplier<StreamEnd> stopStream;

  Attempt(
      ResolvedTarget target,
      ProviderAdapter adapter,
      UpstreamCall call,
      Promise<Void> abandon,
      AttemptTimers timers,
      long startNanos,
      AttemptTrace trace) {
    this.trace = trace;
    this.target = target;
    this.adapter = adapter;
    this.call = call;
    this.abandon = abandon;
    this.timers = timers;
    this.startNanos = startNanos;
  }

  ResolvedTarget target() {
    return target;
  }

  ProviderAdapter adapter() {
    return adapter;
  }

  UpstreamCall call() {
    return call;
  }

  AttemptTimers timers() {
    return timers;
  }

  long startNanos() {
    return startNanos;
  }

  AttemptTrace trace() {
    return trace;
  }

  /** Registers how to stop the stream this attempt opened, keeping what it measured. */
  void onStreamOpened(Supplier<StreamEnd> stop) {
    this.stopStream = stop;
  }

  /**
   * Gives the attempt up now: stops its timers, cancels its stream or resets its pending upstream
   * request. Returns what the stream had measured, or null when none was open.
   */
  StreamEnd abandon() {
    timers.stop();
    StreamEnd partial = stopStream == null ? null : stopStream.get();
    abandon.tryComplete();
    return partial;
  }
}
