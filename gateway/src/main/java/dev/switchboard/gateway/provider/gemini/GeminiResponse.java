package dev.switchboard.gateway.provider.gemini;

import java.util.List;

/**
 * Mirrors a {@code GenerateContentResponse}: a whole answer, or one {@code alt=sse} stream event
 * (https://ai.google.dev/api/generate-content#generatecontentresponse). Gemini omits zero-valued
 * fields, so any field may be null; unknown fields are skipped by {@link GeminiJson#MAPPER}.
 */
record GeminiResponse(
    List<Candidate> candidates,
    PromptFeedback promptFeedback,
    UsageMetadata usageMetadata,
    String modelVersion,
    String responseId) {

  /** Holds one generated answer; {@code index} is absent for the only candidate. */
  record Candidate(GeminiContent content, String finishReason, String finishMessage, Integer index) {}

  /** Says why the prompt itself was blocked; such a response has no candidates. */
  record PromptFeedback(String blockReason, String blockReasonMessage) {}

  /** Holds token counts; on a stream they are cumulative and the last event's are final. */
  record UsageMetadata(
      Long promptTokenCount,
      Long cachedContentTokenCount,
      Long candidatesTokenCount,
      Long toolUsePromptTokenCount,
      Long thoughtsTokenCount,
      Long totalTokenCount) {}
}
