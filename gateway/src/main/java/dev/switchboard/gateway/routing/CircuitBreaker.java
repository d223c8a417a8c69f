package dev.switchboard.gateway.routing;

import dev.switchboard.config.BreakerConfig;
import java.time.Duration;

/**
 * Guards one target: opens after too many consecutive failures or too high a failure rate over
 * the last attempts, refuses attempts while cooling down, then lets one probe through (half-open)
 * whose result closes or reopens it. A 429 with Retry-After opens it for exactly that long.
 *
 * <p>Thread-safe; every method takes the current ticker time, so the breaker itself has no clock.
 */
final class CircuitBreaker {
  private final BreakerConfig config;
  private final boolean[] window; // true = failure; a ring over the last attempts
  private BreakerState state = BreakerState.CLOSED;
  private long openUntil;
  private boolean probeInFlight;
  private int consecutiveFailures;
  private int windowSize;
  private int windowNext;
  private int windowFailures;

  CircuitBreaker(BreakerConfig config) {
    this.config = config;
    this.window = new boolean[Math.max(1, config.window())];
  }

  /** Returns the state as last changed (an open breaker past its cool-down is still open here). */
  synchronized BreakerState state() {
    return state;
  }

  /** Claims the right to attempt now: always when closed, once per cool-down when half-open. */
  synchronized boolean tryAcquire(long now) {
    if (!config.enabled()) {
      return true;
    }
    if (state == BreakerState.OPEN && now - openUntil >= 0) {
      state = BreakerState.HALF_OPEN;
      probeInFlight = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (probeInFlight) {
          yield false;
        }
        probeInFlight = true;
        yield true;
      }
    };
  }

  /** Records a successful attempt. */
  synchronized void onSuccess() {
    if (state == BreakerState.HALF_OPEN) {
      close();
    } else if (state == BreakerState.CLOSED) {
      consecutiveFailures = 0;
      remember(false);
    }
  }

  /** Records a failed attempt (a retryable upstream failure). */
  synchronized void onFailure(long now) {
    if (state == BreakerState.HALF_OPEN) {
      open(now + config.coolDown().toNanos());
      return;
    }
    if (state == BreakerState.OPEN) {
      return; // an attempt that started before the breaker opened
    }
    consecutiveFailures++;
    remember(true);
    boolean rateTripped =
        windowSize >= config.minCalls()
            && windowFailures * 100L >= (long) config.failureRatePercent() * windowSize;
    if (consecutiveFailures >= config.consecutiveFailures() || rateTripped) {
      open(now + config.coolDown().toNanos());
    }
  }

  /** Records a 429 that named its wait: the target cools down for exactly {@code retryAfter}. */
  synchronized void onRateLimited(long now, Duration retryAfter) {
    open(now + retryAfter.toNanos());
  }

  /** Gives back a probe whose attempt ended without a verdict (cancelled, client error). */
  synchronized void release() {
    if (state == BreakerState.HALF_OPEN) {
      probeInFlight = false;
    }
  }

  /** Returns the state at {@code now}, as routing sees it. */
  synchronized Status status(long now) {
    if (!config.enabled() || state == BreakerState.CLOSED) {
      return new Status(BreakerState.CLOSED, true, now);
    }
    if (state == BreakerState.OPEN && now - openUntil < 0) {
      return new Status(BreakerState.OPEN, false, openUntil);
    }
    // cool-down over: half-open, available unless the probe is already out
    boolean available = state == BreakerState.OPEN || !probeInFlight;
    return new Status(BreakerState.HALF_OPEN, available, available ? now : Long.MAX_VALUE);
  }

  private void open(long until) {
    state = BreakerState.OPEN;
    openUntil = until;
    probeInFlight = false;
    consecutiveFailures = 0;
    clearWindow();
  }

  private void close() {
    state = BreakerState.CLOSED;
    probeInFlight = false;
    consecutiveFailures = 0;
    clearWindow();
  }

  private void remember(boolean failure) {
    if (windowSize == window.length) {
      if (window[windowNext]) {
        windowFailures--;
      }
    } else {
      windowSize++;
    }
    window[windowNext] = failure;
    if (failure) {
      windowFailures++;
    }
    windowNext = (windowNext + 1) % window.length;
  }

  private void clearWindow() {
    windowSize = 0;
    windowNext = 0;
    windowFailures = 0;
  }

  /**
   * Describes a breaker at one moment.
   *
   * @param readyAtNanos when an attempt may start ({@code Long.MAX_VALUE}: when the probe ends)
   */
  record Status(BreakerState state, boolean available, long readyAtNanos) {}
}
