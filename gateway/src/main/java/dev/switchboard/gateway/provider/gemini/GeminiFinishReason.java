package dev.switchboard.gateway.provider.gemini;

import dev.switchboard.telemetry.FinishReason;

/** Maps Gemini finish and block reasons to the normalized vocabulary (wire-formats §6). */
final class GeminiFinishReason {

  private GeminiFinishReason() {}

  /**
   * Returns the normalized reason for a candidate's {@code finishReason}. Gemini ends a function
   * call with STOP, so {@code calledFunction} turns STOP into TOOL_CALLS. Unknown values (the list
   * grows) map to STOP; the native value is kept by the caller.
   */
  static FinishReason normalize(String nativeValue, boolean calledFunction) {
    return switch (nativeValue) {
      case "STOP" -> calledFunction ? FinishReason.TOOL_CALLS : FinishReason.STOP;
      case "MAX_TOKENS" -> FinishReason.LENGTH;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "LANGUAGE", "MODEL_ARMOR" ->
          FinishReason.CONTENT_FILTER;
      case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS" ->
          FinishReason.ERROR;
      default -> FinishReason.STOP; // OTHER, FINISH_REASON_UNSPECIFIED, values added later
    };
  }
}
