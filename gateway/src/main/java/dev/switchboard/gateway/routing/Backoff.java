package dev.switchboard.gateway.routing;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Computes retry delays by exponential backoff with full jitter: round n waits a uniform random
 * time in [0, min(max, base * 2^(n-1))], which spreads retries of many clients apart (see
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** Returns the delay before retry round {@code round} (1 for the first retry). */
  Duration delay(int round) {
    int doublings = Math.min(Math.max(0, round - 1), 30);
    long ceiling = Math.min(max.toNanos(), base.toNanos() << doublings);
    return Duration.ofNanos((long) (random.nextDouble() * ceiling));
  }

  /** Returns the largest delay round {@code round} can draw. */
  Duration ceiling(int round) {
    int doublings = Math.min(Math.max(0, round - 1), 30);
    return Duration.ofNanos(Math.min(max.toNanos(), base.toNanos() << doublings));
  }
}
