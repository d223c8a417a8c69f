package dev.switchboard.gateway.limits;

import io.vertx.core.Future;

/**
 * Limits requests and tokens per minute per named bucket (a key, an upstream target). The
 * in-process {@link LocalRateLimiter} answers at once; a shared store (Redis) can implement the
 * same contract for several gateway instances.
 */
public interface RateLimiter {

  /**
   * Takes one request and {@code tokens} estimated tokens from {@code bucket} if both fit; takes
   * nothing otherwise. Atomic per bucket, so concurrent callers never overshoot a limit together.
   */
  Future<RateDecision> acquire(String bucket, RateLimits limits, long tokens);

  /**
   * Corrects what {@code bucket} was charged: real usage minus the estimate once known, or a
   * refund (negative values) when a request taken was not sent after all.
   */
  void adjust(String bucket, RateLimits limits, long requests, long tokens);

  /** Returns how many calls a shared store could not answer, decided in this process instead. */
  default long fallbacks() {
    return 0;
  }

  /** Releases the limiter's connections, if any. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
