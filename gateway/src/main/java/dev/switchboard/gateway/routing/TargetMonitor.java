package dev.switchboard.gateway.routing;

import dev.switchboard.config.BreakerConfig;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks every target's circuit breaker, in-flight count and moving averages, shared by all event
 * loops. Attempts claim a target before they start and report once when they end; routing reads
 * immutable snapshots. Thread-safe; every call is short and never blocks on I/O.
 */
public final class TargetMonitor {
  private final BreakerConfig breakerConfig;
  private final Ticker ticker;
  private final Map<TargetKey, Health> targets = new ConcurrentHashMap<>();
  private final BreakerListener listener;

  public TargetMonitor(BreakerConfig breakerConfig, Ticker ticker) {
    this(breakerConfig, ticker, BreakerListener.NONE);
  }

  /** Returns a monitor telling {@code listener} of every breaker state change. */
  public TargetMonitor(BreakerConfig breakerConfig, Ticker ticker, BreakerListener listener) {
    this.breakerConfig = breakerConfig;
    this.ticker = ticker;
    this.listener = listener;
  }

  /** Returns the state of {@code keys} now. */
  public TargetSnapshot snapshot(Collection<TargetKey> keys) {
    long now = ticker.nanos();
    Map<TargetKey, TargetState> states = new HashMap<>();
    for (TargetKey key : keys) {
      Health health = targets.get(key);
      if (health != null) {
        states.put(key, health.state(now));
      }
    }
    return new TargetSnapshot(states);
  }

  /** Returns the state of one target now. */
  public TargetState state(TargetKey key) {
    Health health = targets.get(key);
    return health == null ? TargetState.fresh() : health.state(ticker.nanos());
  }

  /**
   * Claims {@code key} for an attempt starting now; false when its breaker refuses (open, or the
   * half-open probe is taken). A successful claim must be followed by exactly one {@link #release}.
   */
  boolean tryAcquire(TargetKey key) {
    Health health = health(key);
    BreakerState before = health.breaker.state();
    boolean acquired = health.breaker.tryAcquire(ticker.nanos());
    heard(key, before, health.breaker.state());
    if (!acquired) {
      return false;
    }
    health.inFlight.incrementAndGet();
    return true;
  }

  /** Ends a claimed attempt, feeding its result to the breaker and the moving averages. */
  void release(TargetKey key, AttemptReport report) {
    Health health = health(key);
    health.inFlight.decrementAndGet();
    long now = ticker.nanos();
    BreakerState before = health.breaker.state();
    switch (report.verdict()) {
      case SUCCESS -> {
        health.breaker.onSuccess();
        health.stats.record(
            report.latencyNanos() / 1e6,
            report.ttftNanos() == null ? null : report.ttftNanos() / 1e6,
            report.completionTokens());
      }
      case FAILURE -> {
        if (report.retryAfter() != null) {
          health.breaker.onRateLimited(now, report.retryAfter());
        } else {
          health.breaker.onFailure(now);
        }
      }
      case NEUTRAL -> health.breaker.release();
    }
    heard(key, before, health.breaker.state());
  }

  private void heard(TargetKey key, BreakerState before, BreakerState after) {
    if (before != after) {
      listener.transition(key, before, after);
    }
  }

  private Health health(TargetKey key) {
    return targets.computeIfAbsent(key, k -> new Health(new CircuitBreaker(breakerConfig)));
  }

  private static final class Health {
    final CircuitBreaker breaker;
    final TargetStats stats = new TargetStats();
    final AtomicInteger inFlight = new AtomicInteger();

    Health(CircuitBreaker breaker) {
      this.breaker = breaker;
    }

    TargetState state(long now) {
      CircuitBreaker.Status status = breaker.status(now);
      return new TargetState(
          status.state(),
          status.available(),
          status.readyAtNanos(),
          stats.ttftMs(),
          stats.latencyMs(),
          stats.tokensPerSecond(),
          inFlight.get());
    }
  }
}
