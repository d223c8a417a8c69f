package dev.switchboard.gateway.simulate.prompt;

import java.util.List;

/**
 * Holds one message of a composed conversation, as the Chat Completions API takes it.
 *
 * @param content text; null for an assistant turn that only calls tools
 * @param toolCalls the calls of an assistant turn, else empty
 * @param toolCallId the call a {@code tool} turn answers, else null
 */
public record ChatTurn(String role, String content, List<ToolCall> toolCalls, String toolCallId) {

  public ChatTurn {
    toolCalls = List.copyOf(toolCalls);
  }

  /** Returns a turn of {@code role} with {@code content}. */
  public static ChatTurn of(String role, String content) {
    return new ChatTurn(role, content, List.of(), null);
  }

  /** Holds one function call an assistant turn made; {@code arguments} is JSON text. */
  public record ToolCall(String id, String name, String arguments) {}
}
