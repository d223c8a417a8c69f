package dev.switchboard.gateway.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a rate decision as the headers OpenAI clients read: {@code x-ratelimit-limit-*},
 * {@code x-ratelimit-remaining-*}, {@code x-ratelimit-reset-*} for requests and tokens, and
 * {@code Retry-After} (seconds) with {@code retry-after-ms} when refused.
 */
public final class RateLimitHeaders {

  private RateLimitHeaders() {}

  public static Map<String, String> of(RateDecision decision) {
    Map<String, String> headers = new LinkedHashMap<>();
    put(headers, "requests", decision.requests());
    put(headers, "tokens", decision.tokens());
    if (!decision.allowed()) {
      headers.put("retry-after", String.valueOf(DurationText.retryAfterSeconds(decision.retryAfter())));
      headers.put("retry-after-ms", String.valueOf(Math.max(1, decision.retryAfter().toMillis())));
    }
    return headers;
  }

  private static void put(Map<String, String> headers, String dimension, LimitState state) {
    if (state == null) {
      return;
    }
    headers.put("x-ratelimit-limit-" + dimension, String.valueOf(state.limit()));
    headers.put("x-ratelimit-remaining-" + dimension, String.valueOf(state.remaining()));
    headers.put("x-ratelimit-reset-" + dimension, DurationText.of(state.reset()));
  }
}
