package dev.switchboard.gateway.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Meters what routing does per target: attempts by outcome, their latency and time to first byte,
 * fallbacks and retries, circuit breaker states and transitions. Tags stay bounded by the
 * configured targets. Records nothing until {@link #bindTo} names a registry.
 */
public final class RoutingMeters implements BreakerListener {
  static final String ATTEMPTS = "switchboard.routing.attempts";
  static final String ATTEMPT_DURATION = "switchboard.routing.attempt.duration";
  static final String ATTEMPT_TTFB = "switchboard.routing.attempt.ttfb";
  static final String BREAKER_STATE = "switchboard.routing.breaker.state";
  static final String BREAKER_TRANSITIONS = "switchboard.routing.breaker.transitions";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
    Duration.ofSeconds(30), Duration.ofSeconds(60)
  };

  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final Map<TargetKey, TargetMeters> targets = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  /** Registers the fallback and retry counters; per-target meters follow as targets are used. */
  void bindTo(MeterRegistry meters) {
    FunctionCounter.builder("switchboard.routing.fallbacks", fallbacks, LongAdder::sum)
        .description("Attempts on another target after a failed one in the same round")
        .register(meters);
    FunctionCounter.builder("switchboard.routing.retries", retries, LongAdder::sum)
        .description("Attempts started by a later round, after a backoff")
        .register(meters);
    this.registry = meters;
  }

  /**
   * Gauges each of {@code keys}' breaker state (0 closed, 1 half-open, 2 open) as {@code monitor}
   * sees it, from now on, and shows their transition counters at zero before the first one.
   */
  public void watchBreakers(MeterRegistry meters, TargetMonitor monitor, Collection<TargetKey> keys) {
    for (TargetKey key : keys) {
      Gauge.builder(BREAKER_STATE, monitor, m -> code(m.state(key).breaker()))
          .description("Circuit breaker state per target: 0 closed, 1 half-open, 2 open")
          .tags("provider", key.provider(), "model", key.model())
          .register(meters);
      for (BreakerState state : BreakerState.values()) {
        transitions(meters, key, state);
      }
    }
  }

  void fallback() {
    fallbacks.increment();
  }

  void retry() {
    retries.increment();
  }

  /** Counts an ended attempt on {@code key} and times it; {@code ttftNanos} null when none came. */
  void attempt(TargetKey key, String outcome, long latencyNanos, Long ttftNanos) {
    MeterRegistry meters = registry;
    if (meters == null) {
      return;
    }
    TargetMeters target = targets.computeIfAbsent(key, k -> new TargetMeters(meters, k));
    target.outcomes.computeIfAbsent(outcome, o -> Counter.builder(ATTEMPTS)
            .description("Upstream attempts by target and how routing took their end")
            .tags("provider", key.provider(), "model", key.model(), "outcome", o)
            .register(meters))
        .increment();
    target.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    if (ttftNanos != null) {
      target.ttfb.record(ttftNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void transition(TargetKey target, BreakerState from, BreakerState to) {
    MeterRegistry meters = registry;
    if (meters == null) {
      return;
    }
    transitions(meters, target, to).increment();
  }

  private static Counter transitions(MeterRegistry meters, TargetKey target, BreakerState to) {
    return Counter.builder(BREAKER_TRANSITIONS)
        .description("Circuit breaker state changes per target, by the state entered")
        .tags("provider", target.provider(), "model", target.model(), "to", to.name().toLowerCase(Locale.ROOT))
        .register(meters);
  }

  private static double code(BreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  /** One target's meters, built once. */
  private static final class TargetMeters {
    final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    final Timer latency;
    final Timer ttfb;

    TargetMeters(MeterRegistry meters, TargetKey key) {
      latency = Timer.builder(ATTEMPT_DURATION)
          .description("Upstream attempt duration per target, until its answer ended")
          .tags("provider", key.provider(), "model", key.model())
          .serviceLevelObjectives(BUCKETS)
          .register(meters);
      ttfb = Timer.builder(ATTEMPT_TTFB)
          .description("Upstream time to first byte per target (streams)")
          .tags("provider", key.provider(), "model", key.model())
          .serviceLevelObjectives(BUCKETS)
          .register(meters);
    }
  }
}
