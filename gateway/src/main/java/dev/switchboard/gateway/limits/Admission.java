package dev.switchboard.gateway.limits;

import dev.switchboard.gateway.api.ApiError;
import dev.switchboard.telemetry.UsageRecord;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers {@link AccessPolicy#admit}: granted with the rate-limit headers to send and the
 * settlement to run once the request's usage record is built (real tokens, cost), or refused with
 * an error and its headers ({@code Retry-After} on 429).
 *
 * @param refusal the error to answer, or null when granted
 * @param headers response headers to send either way (e.g. {@code x-ratelimit-remaining-requests})
 * @param settlement charges real usage when the record is built; does nothing for refusals
 */
public record Admission(
    ApiError refusal, Map<String, String> headers, Consumer<UsageRecord> settlement) {

  public Admission {
    headers = Map.copyOf(headers);
  }

  /** Returns a grant. */
  public static Admission granted(Map<String, String> headers, Consumer<UsageRecord> settlement) {
    return new Admission(null, headers, settlement);
  }

  /** Returns a refusal. */
  public static Admission refused(ApiError error, Map<String, String> headers) {
    return new Admission(error, headers, record -> {});
  }

  public boolean isGranted() {
    return refusal == null;
  }
}
