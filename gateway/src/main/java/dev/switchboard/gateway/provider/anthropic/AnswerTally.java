package dev.switchboard.gateway.provider.anthropic;

import static dev.switchboard.gateway.provider.anthropic.AnthropicJson.codePoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.provider.ResponseSummary;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Measures one Anthropic answer as its parts are seen, whole or streamed: usage merged field by
 * field, stop reason, client tool calls, answer and reasoning text in code points, served model and
 * in-stream error; also keeps the visible output for normalized token counting.
 */
final class AnswerTally {

  /** The bound on {@link #completionText()}, in UTF-16 code units (1 MiB), as for OpenAI. */
  static final int MAX_COMPLETION_TEXT_CHARS = 1 << 20;

  private final StringBuilder completion = new StringBuilder();
  private AnthropicUsage usage = AnthropicUsage.NONE;
  private String stopReason;
  private String servedModel;
  private UpstreamError error;
  private int toolCalls;
  private long textChars;
  private long reasoningChars;

  void model(String model) {
    if (model != null && !model.isEmpty()) {
      servedModel = model;
    }
  }

  void usage(JsonNode reported) {
    usage = usage.overlay(reported);
  }

  void stopReason(String reason) {
    if (reason != null) {
      stopReason = reason;
    }
  }

  void error(UpstreamError reported) {
    error = reported;
  }

  void text(String text) {
    textChars += codePoints(text);
    appendCompletion(text);
  }

  void reasoning(String text) {
    reasoningChars += codePoints(text);
    appendCompletion(text);
  }

  /** Counts a client tool call (server tools such as web_search are not counted). */
  void toolCall(String name) {
    toolCalls++;
    appendCompletion(name);
  }

  void toolArguments(String fragment) {
    appendCompletion(fragment);
  }

  /** Returns the normalized usage so far. */
  TokenUsage tokenUsage() {
    return usage.toTokenUsage();
  }

  ResponseSummary summary() {
    FinishReason finish =
        error != null ? FinishReason.ERROR : AnthropicStopReason.normalize(stopReason);
    return new ResponseSummary(
        usage.toTokenUsage(),
        finish,
        stopReason,
        toolCalls,
        textChars,
        reasoningChars,
        servedModel,
        error);
  }

  /** Returns answer, reasoning, tool names and arguments seen so far, capped at 1 MiB. */
  String completionText() {
    return completion.toString();
  }

  private void appendCompletion(String s) {
    if (s == null || s.isEmpty()) {
      return;
    }
    int room = MAX_COMPLETION_TEXT_CHARS - completion.length();
    if (room <= 0) {
      return;
    }
    int end = Math.min(room, s.length());
    if (end < s.length() && end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    completion.append(s, 0, end);
  }
}
