package dev.switchboard.gateway.teams;

import dev.switchboard.gateway.api.ApiError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Builds the OpenAI-shaped refusals that name the level above the key: 403 and 402. */
final class GovernanceErrors {

  private GovernanceErrors() {}

  /** Returns the 403 for a model the key's team or organization may not call. */
  static ApiError modelNotAllowed(String subject, String model) {
    return new ApiError(403, "permission_error", "model_not_allowed", "model",
        "The " + subject + " of this API key is not allowed to use the model `" + model + "`.");
  }

  /**
   * Returns the 402 for a used-up budget, e.g. {@code Team 'ml' daily budget of $5 reached}.
   *
   * @param period {@code daily} or {@code monthly}
   */
  static ApiError budgetExceeded(
      String subject, String period, double budgetUsd, double spentUsd, Instant rollover) {
    String message =
        Character.toUpperCase(subject.charAt(0)) + subject.substring(1) + " " + period
            + " budget of $" + usd(budgetUsd) + " reached: spent $" + usd(spentUsd)
            + ". Requests are refused until the budget resets at " + rollover + ".";
    return new ApiError(402, "insufficient_quota", "insufficient_quota", null, message);
  }

  /** Writes dollars to the micro-dollar, at least to the cent, without further trailing zeros. */
  static String usd(double value) {
    BigDecimal exact = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    return exact.scale() < 2 ? exact.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : exact.toPlainString();
  }
}
