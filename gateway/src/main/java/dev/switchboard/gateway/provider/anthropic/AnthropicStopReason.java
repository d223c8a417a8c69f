package dev.switchboard.gateway.provider.anthropic;

import dev.switchboard.telemetry.FinishReason;

/** Maps Anthropic {@code stop_reason} values to the normalized vocabulary (wire-formats §6). */
final class AnthropicStopReason {

  private AnthropicStopReason() {}

  /**
   * Returns the normalized reason for {@code nativeValue}, null for null. {@code pause_turn} (a
   * server-tool loop the client must resend to continue) and unknown values map to STOP; the native
   * value is kept alongside so clients can tell.
   */
  static FinishReason normalize(String nativeValue) {
    if (nativeValue == null) {
      return null;
    }
    return switch (nativeValue) {
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      // Bedrock's Converse names for a guardrail's or the model's refusal
      case "refusal", "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.STOP; // end_turn, stop_sequence, pause_turn, future values
    };
  }
}
