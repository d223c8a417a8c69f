package dev.switchboard.config;

import java.time.Duration;

/**
 * Configures the circuit breaker kept for every target.
 *
 * @param enabled false keeps every breaker closed (no target is ever skipped for its failures)
 * @param consecutiveFailures opens after this many failures in a row
 * @param failureRatePercent opens when at least this share of the last {@code window} attempts
 *     failed, once {@code minCalls} attempts were seen
 * @param window attempts the failure rate is measured over
 * @param minCalls attempts needed in the window before the rate is judged
 * @param coolDown time an open breaker waits before letting one probe through (a 429 with
 *     Retry-After uses that instead)
 */
public record BreakerConfig(
    boolean enabled,
    int consecutiveFailures,
    int failureRatePercent,
    int window,
    int minCalls,
    Duration coolDown) {

  /** Returns the defaults: on, 5 in a row or 50% of the last 20 (after 10), 30 s cool-down. */
  public static BreakerConfig defaults() {
    return new BreakerConfig(true, 5, 50, 20, 10, Duration.ofSeconds(30));
  }

  /** Returns a breaker configuration that never opens. */
  public static BreakerConfig disabled() {
    BreakerConfig d = defaults();
    return new BreakerConfig(false, d.consecutiveFailures, d.failureRatePercent, d.window, d.minCalls, d.coolDown);
  }
}
