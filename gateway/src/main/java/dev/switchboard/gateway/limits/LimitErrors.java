package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.gateway.limits.RateDecision.Dimension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;

/** Builds the OpenAI-shaped 429 (rate limit), 402 (budget) and 503 (shared store away) errors. */
public final class LimitErrors {

  private LimitErrors() {}

  /**
   * Returns OpenAI's 429: type {@code requests} or {@code tokens}, code {@code rate_limit_exceeded}.
   *
   * @param subject who is limited, e.g. {@code key 'ci'}
   */
  public static ApiError rateLimited(String subject, RateDecision decision) {
    boolean onRequests = decision.refusedOn() == Dimension.REQUESTS;
    LimitState state = onRequests ? decision.requests() : decision.tokens();
    String unit = onRequests ? "requests per min (RPM)" : "tokens per min (TPM)";
    long requested = onRequests ? 1 : decision.requestedTokens();
    String message;
    if (!onRequests && requested > state.limit()) {
      message = "Request too large for " + subject + " on " + unit + ": Limit " + state.limit()
          + ", Requested " + requested + ". The input or output tokens must be reduced.";
    } else {
      message = "Rate limit reached for " + subject + " on " + unit + ": Limit " + state.limit()
          + ", Remaining " + state.remaining() + ", Requested " + requested
          + ". Please try again in " + DurationText.of(decision.retryAfter()) + ".";
    }
    return new ApiError(
        429, decision.refusedOn().name().toLowerCase(Locale.ROOT), "rate_limit_exceeded", null, message);
  }

  /** Writes dollars to the micro-dollar, without trailing zeros: budgets can be fractions of a cent. */
  private static String usd(double value) {
    return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /**
   * Returns the 503 for a request that cannot be checked against shared limits or budgets while
   * their store is away and {@code state.redis_failure} is {@code closed}.
   */
  public static ApiError storeUnavailable() {
    return new ApiError(503, "server_error", "limits_unavailable", null,
        "Rate limits and budgets cannot be checked right now (their shared store is unreachable);"
            + " try again shortly.");
  }

  /** Returns the 402 for a key whose day or month budget is used up. */
  static ApiError budgetExceeded(
      String keyName, String period, double budgetUsd, double spentUsd, Instant rollover) {
    String message =
        "Key '" + keyName + "' has used its " + period + " budget: spent $" + usd(spentUsd)
            + " of $" + usd(budgetUsd) + ". Requests are refused until the budget resets at "
            + rollover + ".";
    return new ApiError(402, "insufficient_quota", "insufficient_quota", null, message);
  }
}
