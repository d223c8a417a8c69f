package dev.switchboard.gateway.provider.openaicompat;

import dev.switchboard.telemetry.FinishReason;

/** Maps OpenAI-compatible native finish reasons to the normalized vocabulary (wire-formats §6). */
public final class OpenAiFinishReason {

  private OpenAiFinishReason() {}

  /** Returns the normalized reason for {@code nativeValue}; unknown values map to STOP. */
  public static FinishReason normalize(String nativeValue) {
    if (nativeValue == null) {
      return null;
    }
    return switch (nativeValue) {
      case "length", "model_length" -> FinishReason.LENGTH; // model_length: Mistral
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS; // function_call: legacy
      case "content_filter", "sensitive" -> FinishReason.CONTENT_FILTER; // sensitive: Z.ai
      // insufficient_system_resource: DeepSeek; network_error: Z.ai; error: Mistral, OpenRouter
      case "error", "insufficient_system_resource", "network_error" -> FinishReason.ERROR;
      default -> FinishReason.STOP;
    };
  }
}
