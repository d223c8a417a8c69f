package dev.switchboard.gateway.provider;

import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Describes what an upstream answer contained, measured the same way for every provider.
 *
 * @param usage token counts as the provider reported them ({@link TokenUsage#unknown()} when it
 *     reported none)
 * @param finishReason normalized reason, or null when the answer ended without one
 * @param nativeFinishReason the provider's own value, kept verbatim (null when absent)
 * @param toolCalls number of distinct client tool/function calls
 * @param textChars Unicode code points of visible answer text
 * @param reasoningChars Unicode code points of reasoning/thinking text
 * @param servedModel the model the provider says answered, or null
 * @param error the error reported inside an otherwise successful response, or null
 * @param providerCostUsd what the provider says the request cost (OpenRouter {@code usage.cost},
 *     xAI {@code cost_in_usd_ticks}), or null when it did not say
 * @param byok whether the provider billed the customer's own upstream key (OpenRouter {@code
 *     is_byok})
 */
public record ResponseSummary(
    TokenUsage usage,
    FinishReason finishReason,
    String nativeFinishReason,
    int toolCalls,
    long textChars,
    long reasoningChars,
    String servedModel,
    UpstreamError error,
    Double providerCostUsd,
    boolean byok) {

  /** Returns a summary without a provider-reported cost. */
  public ResponseSummary(
      TokenUsage usage,
      FinishReason finishReason,
      String nativeFinishReason,
      int toolCalls,
      long textChars,
      long reasoningChars,
      String servedModel,
      UpstreamError error) {
    this(
        usage,
        finishReason,
        nativeFinishReason,
        toolCalls,
        textChars,
        reasoningChars,
        servedModel,
        error,
        null,
        false);
  }

  /** Returns the summary of an attempt that failed before any answer arrived. */
  public static ResponseSummary failed(UpstreamError error) {
    return new ResponseSummary(
        TokenUsage.unknown(), FinishReason.ERROR, null, 0, 0, 0, null, error);
  }
}
