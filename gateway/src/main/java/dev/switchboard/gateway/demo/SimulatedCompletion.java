package dev.switchboard.gateway.demo;

import java.util.List;

/**
 * Holds one planned answer, before it is written as a response or a stream.
 *
 * @param content answer text; null when the answer is a tool call
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
 */
record SimulatedCompletion(
    String content, List<ToolCall> toolCalls, String finishReason, Usage usage) {

  SimulatedCompletion {
    toolCalls = List.copyOf(toolCalls);
  }

  /** Holds one function call; {@code arguments} is a JSON object as text. */
  record ToolCall(String id, String name, String arguments) {}

  /**
   * Holds the token counts reported in {@code usage}.
   *
   * @param completionTokens answer (or tool call) tokens plus reasoning tokens
   */
  record Usage(int promptTokens, int completionTokens, int reasoningTokens) {
    int totalTokens() {
      return promptTokens + completionTokens;
    }
  }
}
