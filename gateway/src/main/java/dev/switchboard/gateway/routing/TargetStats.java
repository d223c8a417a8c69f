package dev.switchboard.gateway.routing;

/**
 * Keeps exponentially weighted moving averages of one target's successful attempts: time to first
 * chunk, whole latency, and output tokens per second of generation. Thread-safe.
 */
final class TargetStats {
  /** Weight of the newest sample: about the last 5-6 attempts dominate. */
  static final double ALPHA = 0.3;

  private Double ttftMs;
  private Double latencyMs;
  private Double tokensPerSecond;

  /**
   * Adds one successful attempt.
   *
   * @param ttftMs time to the first chunk of a stream, or null for whole answers
   * @param completionTokens output tokens the provider reported, or null
   */
  synchronized void record(double latencyMs, Double ttftMs, Long completionTokens) {
    this.latencyMs = ewma(this.latencyMs, latencyMs);
    if (ttftMs != null) {
      this.ttftMs = ewma(this.ttftMs, ttftMs);
    }
    double generationMs = ttftMs != null && latencyMs > ttftMs ? latencyMs - ttftMs : latencyMs;
    if (completionTokens != null && completionTokens > 0 && generationMs > 0) {
      this.tokensPerSecond = ewma(this.tokensPerSecond, completionTokens * 1000.0 / generationMs);
    }
  }

  synchronized Double ttftMs() {
    return ttftMs;
  }

  synchronized Double latencyMs() {
    return latencyMs;
  }

  synchronized Double tokensPerSecond() {
    return tokensPerSecond;
  }

  private static double ewma(Double average, double sample) {
    return average == null ? sample : ALPHA * sample + (1 - ALPHA) * average;
  }
}
