package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.gateway.provider.gemini.GeminiResponse.UsageMetadata;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Normalizes Gemini {@code usageMetadata} (wire-formats §0): prompt = {@code promptTokenCount}
 * (which already includes cached tokens) + {@code toolUsePromptTokenCount}; completion = {@code
 * candidatesTokenCount} + {@code thoughtsTokenCount}; reasoning = {@code thoughtsTokenCount}.
 * Gemini leaves zero counts out, so an absent count is 0 once the object is present.
 */
final class GeminiUsage {

  private GeminiUsage() {}

  /** Returns the normalized usage, or null when the response carried no usage metadata. */
  static TokenUsage of(UsageMetadata usage) {
    if (usage == null) {
      return null;
    }
    long thoughts = orZero(usage.thoughtsTokenCount());
    return new TokenUsage(
        orZero(usage.promptTokenCount()) + orZero(usage.toolUsePromptTokenCount()),
        orZero(usage.candidatesTokenCount()) + thoughts,
        thoughts,
        orZero(usage.cachedContentTokenCount()),
        0L); // explicit caches are created separately, via cachedContents
  }

  private static long orZero(Long count) {
    return count == null ? 0 : count;
  }
}
