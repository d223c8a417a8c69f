package dev.switchboard.telemetry.store;

import java.time.Instant;
import java.util.List;

/**
 * Summarizes a time window of traffic: request counts by outcome, tokens by kind, cost, and the
 * same per served model.
 */
public record UsageOverview(
    Instant from,
    Instant to,
    long requests,
    long errors,
    long cancelled,
    TokenTotals tokens,
    double costUsd,
    List<ModelTotals> models) {

  /** Sums tokens by kind; unreported counts add nothing. */
  public record TokenTotals(
      long prompt,
      long completion,
      long reasoning,
      long cachedRead,
      long cacheWrite,
      long normalizedPrompt,
      long normalizedCompletion) {

    public long total() {
      return prompt + completion;
    }
  }

  /** Totals for one model (the served name, else the requested one) at one provider. */
  public record ModelTotals(
      String model, String provider, long requests, long errors, TokenTotals tokens, double costUsd) {}
}
