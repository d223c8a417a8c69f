package dev.switchboard.gateway.routing;

import dev.switchboard.config.RoutingConfig;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.observability.RequestTrace;
import dev.switchboard.gateway.provider.ProviderAdapter;
import dev.switchboard.gateway.provider.StreamEnd;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.telemetry.ProviderAttempt;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Serves one request through its routing plan. Each round walks the plan: a retryable failure
 * falls back to the next target at once (a fast failure costs one attempt, no wait), a fatal one
 * ends the request. When a round is exhausted and retries remain, the next round starts after a
 * full-jitter backoff, never before a target's Retry-After or breaker cool-down, and never waits
 * longer than {@code max_retry_wait}. Confined to the request's event loop.
 */
public final class Dispatch<T> {
  private final Dispatcher dispatcher;
  private final RoutingRuntime runtime;
  private final RouteRequest route;
  private final ChatRequest request;
  private final String requestId;
  private final AttemptRunner<T> runner;
  private final RequestTrace trace;
  private final Promise<DispatchResult<T>> result = Promise.promise();
  private final List<ProviderAttempt> attempts = new ArrayList<>();
  private final Map<TargetKey, Long> notBefore = new HashMap<>();
  private final Set<TargetKey> unusable = new HashSet<>();
  private final Set<TargetKey> keys = new LinkedHashSet<>();
  private Attempt current;
  private UpstreamFailure lastFailure;
  private ResolvedTarget lastTarget;
  private int round;
  private int lastAttemptRound = -1;
  private boolean finished;
  private String sticky;

  Dispatch(
      Dispatcher dispatcher,
      RouteRequest route,
      ChatRequest request,
      String requestId,
      AttemptRunner<T> runner,
      RequestTrace trace) {
    this.trace = trace;
    this.dispatcher = dispatcher;
    this.runtime = dispatcher.runtime();
    this.route = route;
    this.request = request;
    this.requestId = requestId;
    this.runner = runner;
    for (RouteRequest.Candidate candidate : route.candidates()) {
      candidate.route().targets().forEach(t -> keys.add(t.key()));
    }
  }

  /** Starts serving; the future completes once, when the request has ended one way or another. */
  Future<DispatchResult<T>> start() {
    if (route.session() == null) {
      runRound();
    } else {
      runtime
          .affinity()
          .lookup(route.primary().name(), route.session().hash())
          .onComplete(
              found -> {
                sticky = found.succeeded() ? found.result() : null;
                if (!finished) {
                  runRound();
                }
              });
    }
    return result.future();
  }

  /** Returns the result, complete once the request has ended. */
  public Future<DispatchResult<T>> result() {
    return result.future();
  }

  /**
   * Gives the request up because the client went away: the running attempt's upstream request is
   * reset at once and no further attempt starts.
   */
  public void cancel() {
    if (finished) {
      return;
    }
    ResolvedTarget target = lastTarget;
    StreamEnd partial = null;
    if (current != null) {
      Attempt attempt = current;
      current = null;
      partial = attempt.abandon();
      target = attempt.target();
      log(attempt, null, "cancelled", "cancelled", null);
      runtime.monitor().release(attempt.target().key(), report(attempt, AttemptReport.Verdict.NEUTRAL, null, null));
    }
    finish(DispatchResult.cancelled(target, partial, attempts));
  }

  private void runRound() {
    RoutingPlan plan = plan();
    if (round == 0) {
      count(plan);
    }
    if (round == 0 && plan.targets().isEmpty() && !plan.hasBreakerExclusions()) {
      finish(DispatchResult.rejected(rejection(plan)));
      return;
    }
    tryNext(plan.targets().iterator());
  }

  private RoutingPlan plan() {
    RoutingPlan plan = runtime.router().plan(route, runtime.monitor().snapshot(keys));
    return SessionAffinity.prefer(plan, route, sticky);
  }

  private void count(RoutingPlan plan) {
    RoutingCounters counters = runtime.counters();
    plan.excluded().stream()
        .filter(e -> e.reason() == Exclusion.Reason.CONTEXT_TOO_SMALL)
        .forEach(e -> counters.contextSkip());
    if (route.session() != null) {
      counters.affinity(
          sticky == null
              ? RoutingCounters.AffinityOutcome.MISS
              : SessionAffinity.leadsWith(plan, sticky)
                  ? RoutingCounters.AffinityOutcome.HIT
                  : RoutingCounters.AffinityOutcome.MOVED);
    }
  }

  /** Remembers the target that served a session, when it is a new one for the session. */
  private void stick(ResolvedTarget target) {
    if (route.session() != null
        && !SessionAffinity.id(target).equals(sticky)
        && SessionAffinity.belongsToPrimary(route, target)) {
      runtime
          .affinity()
          .remember(route.primary().name(), route.session().hash(), SessionAffinity.id(target));
    }
  }

  private void tryNext(Iterator<ResolvedTarget> targets) {
    while (!finished) {
      if (!targets.hasNext()) {
        endRound();
        return;
      }
      ResolvedTarget target = targets.next();
      TargetKey key = target.key();
      Long waitUntil = notBefore.get(key);
      if (unusable.contains(key) || (waitUntil != null && waitUntil - now() > 0)) {
        continue;
      }
      Optional<ProviderAdapter> adapter = dispatcher.adapterFor(target);
      if (adapter.isEmpty()) {
        unusable.add(key);
        lastTarget = target;
        lastFailure = unsupported(target);
        continue;
      }
      if (!runtime.monitor().tryAcquire(key)) {
        continue; // another request holds the half-open probe
      }
      countRetryOrFallback();
      Attempt attempt =
          dispatcher.newAttempt(
              request, requestId, target, adapter.get(), trace.attempt(target, attempts.size() + 1));
      current = attempt;
      runner
          .run(attempt)
          .onComplete(
              ended ->
                  onAttemptEnd(
                      attempt,
                      ended.succeeded()
                          ? ended.result()
                          : AttemptOutcome.failed(FailureClass.asFailure(ended.cause())),
                      targets));
      return;
    }
  }

  private void onAttemptEnd(Attempt attempt, AttemptOutcome<T> outcome, Iterator<ResolvedTarget> targets) {
    if (finished || current != attempt) {
      return; // cancelled while it ran
    }
    current = null;
    ResolvedTarget target = attempt.target();
    UpstreamFailure failure = outcome.failure();
    FailureClass failureClass = failure == null ? null : FailureClass.of(failure);
    Duration retryAfter = retryAfter(failure);
    AttemptReport.Verdict verdict =
        failure == null
            ? AttemptReport.Verdict.SUCCESS
            : failureClass == FailureClass.RETRY ? AttemptReport.Verdict.FAILURE : AttemptReport.Verdict.NEUTRAL;
    // only a 429 cools the whole target down for its Retry-After; other waits bind this request
    Duration breakerWait =
        failure != null && failure.error().httpStatus() == 429 ? retryAfter : null;
    runtime.monitor().release(target.key(), report(attempt, verdict, breakerWait, outcome));
    log(
        attempt,
        outcome.status(),
        outcome.errorType(),
        failure == null ? "success" : failureClass.name().toLowerCase(java.util.Locale.ROOT),
        outcome);
    lastTarget = target;
    if (outcome.delivered()) {
      stick(target);
      finish(DispatchResult.served(outcome.value(), target, attempts));
      return;
    }
    lastFailure = failure;
    switch (failureClass) {
      case FATAL -> finish(DispatchResult.failed(failure, target, attempts));
      case NEXT_TARGET -> {
        unusable.add(target.key());
        tryNext(targets);
      }
      case RETRY -> {
        if (retryAfter != null) {
          notBefore.put(target.key(), now() + retryAfter.toNanos());
        }
        tryNext(targets);
      }
    }
  }

  private void endRound() {
    RoutingConfig config = runtime.config();
    if (round >= config.maxRetries()) {
      giveUp(null);
      return;
    }
    long now = now();
    long readyAt = earliestReady(plan(), now);
    if (readyAt == Long.MAX_VALUE) {
      giveUp(null);
      return;
    }
    Duration untilReady = Duration.ofNanos(Math.max(0, readyAt - now));
    if (untilReady.compareTo(config.maxRetryWait()) > 0) {
      giveUp(untilReady);
      return;
    }
    round++;
    Duration backoff = dispatcher.backoff().delay(round);
    Duration wait = backoff.compareTo(untilReady) > 0 ? backoff : untilReady;
    runtime
        .sleeper()
        .sleep(wait)
        .onComplete(
            slept -> {
              if (!finished) {
                runRound();
              }
            });
  }

  /** Returns when the first target of the next round may start, or MAX_VALUE if none can. */
  private long earliestReady(RoutingPlan plan, long now) {
    long earliest = Long.MAX_VALUE;
    Map<TargetKey, TargetState> states = runtime.monitor().snapshot(keys).states();
    for (ResolvedTarget target : plan.targets()) {
      earliest = Math.min(earliest, readyAt(target.key(), now, now));
    }
    for (Exclusion exclusion : plan.excluded()) {
      if (exclusion.reason() == Exclusion.Reason.BREAKER_OPEN) {
        TargetState state = states.getOrDefault(exclusion.target().key(), TargetState.fresh());
        earliest = Math.min(earliest, readyAt(exclusion.target().key(), state.readyAtNanos(), now));
      }
    }
    return earliest;
  }

  private long readyAt(TargetKey key, long breakerReady, long now) {
    if (unusable.contains(key) || breakerReady == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long ready = Math.max(now, breakerReady);
    Long waitFor = notBefore.get(key);
    return waitFor == null ? ready : Math.max(ready, waitFor);
  }

  private void giveUp(Duration untilReady) {
    if (lastFailure != null) {
      finish(DispatchResult.failed(lastFailure, lastTarget, attempts));
      return;
    }
    Integer retryAfter =
        untilReady == null ? null : (int) Math.max(1, (untilReady.toMillis() + 999) / 1000);
    UpstreamError error =
        new UpstreamError(
            503,
            "server_error",
            "no_available_provider",
            "Every provider for this model is cooling down after failures; try again later.",
            retryAfter);
    finish(DispatchResult.failed(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, error), lastTarget, attempts));
  }

  private void finish(DispatchResult<T> outcome) {
    if (finished) {
      return;
    }
    finished = true;
    result.complete(outcome);
  }

  /** A later attempt is a retry when a new round (after a backoff) started it, else a fallback. */
  private void countRetryOrFallback() {
    if (lastAttemptRound >= 0) {
      if (round > lastAttemptRound) {
        runtime.counters().meters().retry();
      } else {
        runtime.counters().meters().fallback();
      }
    }
    lastAttemptRound = round;
  }

  /**
   * Notes an ended attempt: in the request's attempt list, the routing meters and its span; {@code
   * routing} is how routing took the end ({@code success}, {@code retry}, {@code next_target},
   * {@code fatal}, {@code cancelled}).
   */
  private void log(
      Attempt attempt, Integer status, String errorType, String routing, AttemptOutcome<T> outcome) {
    ResolvedTarget target = attempt.target();
    long latencyNanos = now() - attempt.startNanos();
    attempts.add(
        new ProviderAttempt(
            target.provider().id(), target.upstreamModel(), status, errorType,
            Duration.ofNanos(latencyNanos).toMillis()));
    Long firstChunk = outcome == null ? null : outcome.firstChunkNanos();
    runtime.counters().meters().attempt(
        target.key(), routing, latencyNanos, firstChunk == null ? null : firstChunk - attempt.startNanos());
    attempt.trace().end(status, errorType, routing, outcome == null ? null : outcome.summary());
  }

  private AttemptReport report(
      Attempt attempt, AttemptReport.Verdict verdict, Duration retryAfter, AttemptOutcome<T> outcome) {
    long end = now();
    Long ttft = null;
    Long tokens = null;
    if (outcome != null) {
      ttft = outcome.firstChunkNanos() == null ? null : outcome.firstChunkNanos() - attempt.startNanos();
      tokens = outcome.summary() == null ? null : outcome.summary().usage().completionTokens();
    }
    return new AttemptReport(verdict, retryAfter, end - attempt.startNanos(), ttft, tokens);
  }

  private long now() {
    return runtime.ticker().nanos();
  }

  private static Duration retryAfter(UpstreamFailure failure) {
    if (failure == null || failure.error().retryAfterSeconds() == null) {
      return null;
    }
    return Duration.ofSeconds(failure.error().retryAfterSeconds());
  }

  private static UpstreamFailure unsupported(ResolvedTarget target) {
    return new UpstreamFailure(
        UpstreamFailure.Kind.UNREACHABLE,
        new UpstreamError(
            501,
            "server_error",
            "provider_not_supported",
            "Provider kind '" + target.provider().kind().configName()
                + "' is not supported by this build.",
            null));
  }

  private static String rejection(RoutingPlan plan) {
    String reasons =
        plan.excluded().stream()
            .map(e -> e.target().provider().id() + " (" + e.reason().description() + ")")
            .distinct()
            .collect(Collectors.joining(", "));
    return "No provider of this model fits the request's provider preferences: " + reasons + ".";
  }
}
