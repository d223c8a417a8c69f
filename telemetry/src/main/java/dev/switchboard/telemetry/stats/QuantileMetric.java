package dev.switchboard.telemetry.stats;

/** Names a per-request quantity whose distribution a store can summarize as a histogram. */
public enum QuantileMetric {
  /** Request received to last byte sent, over successful requests. */
  LATENCY_MS,
  /** Request received to first content byte, over successful streamed requests. */
  TTFT_MS,
  /**
   * Provider-reported completion tokens per second of generation (latency minus time to first
   * token, or the whole latency without one), over successful requests with completion tokens and a
   * positive duration.
   */
  OUTPUT_TOKENS_PER_SECOND
}
