package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Builds the OpenAI-shaped JSON a Gemini answer becomes: messages, stream deltas, tool calls,
 * usage and error objects. Reasoning goes where OpenRouter puts it ({@code reasoning} plus {@code
 * reasoning_details}); thought signatures ride on tool calls ({@link ThoughtSignatures}).
 */
final class OpenAiShapes {

  private OpenAiShapes() {}

  /** Returns the {@code message} of a whole answer's choice. */
  static ObjectNode message(ChoiceDelta choice) {
    ObjectNode message = GeminiJson.MAPPER.createObjectNode();
    message.put("role", "assistant");
    if (!choice.text().isEmpty() || choice.toolCalls().isEmpty()) {
      message.put("content", choice.text());
    } else {
      message.putNull("content"); // as OpenAI sends it next to tool calls
    }
    putReasoning(message, choice.reasoning());
    if (!choice.toolCalls().isEmpty()) {
      message.set("tool_calls", toolCalls(choice, false));
    }
    return message;
  }

  /** Returns the {@code delta} of a stream chunk's choice. */
  static ObjectNode delta(ChoiceDelta choice) {
    ObjectNode delta = GeminiJson.MAPPER.createObjectNode();
    if (choice.first()) {
      delta.put("role", "assistant");
    }
    if (!choice.text().isEmpty()) {
      delta.put("content", choice.text());
    }
    putReasoning(delta, choice.reasoning());
    if (!choice.toolCalls().isEmpty()) {
      delta.set("tool_calls", toolCalls(choice, true));
    }
    return delta;
  }

  /** Returns an OpenAI {@code usage} object, reasoning and cache counts in their detail objects. */
  static ObjectNode usage(TokenUsage usage) {
    ObjectNode node = GeminiJson.MAPPER.createObjectNode();
    long prompt = usage.promptTokens();
    long completion = usage.completionTokens();
    node.put("prompt_tokens", prompt);
    node.put("completion_tokens", completion);
    node.put("total_tokens", prompt + completion);
    node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedReadTokens());
    node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    return node;
  }

  /** Returns the OpenAI error envelope's inner object for {@code error}. */
  static ObjectNode error(UpstreamError error) {
    ObjectNode node = GeminiJson.MAPPER.createObjectNode();
    node.put("message", error.message());
    node.put("type", error.type());
    node.put("code", error.code());
    node.putNull("param");
    return node;
  }

  /** Sets the choice-level fields: finish reason, and Gemini's own value as OpenRouter does. */
  static void putFinish(ObjectNode choiceNode, ChoiceDelta choice) {
    if (choice.finish() == null) {
      choiceNode.putNull("finish_reason");
      return;
    }
    choiceNode.put("finish_reason", choice.finish().wireName());
    choiceNode.put("native_finish_reason", choice.nativeFinish());
  }

  private static void putReasoning(ObjectNode node, String reasoning) {
    if (reasoning.isEmpty()) {
      return;
    }
    node.put("reasoning", reasoning);
    ObjectNode detail = node.putArray("reasoning_details").addObject();
    detail.put("type", "reasoning.text");
    detail.put("text", reasoning);
    detail.put("index", 0);
  }

  private static ArrayNode toolCalls(ChoiceDelta choice, boolean withIndex) {
    ArrayNode calls = GeminiJson.MAPPER.createArrayNode();
    for (ChoiceDelta.ToolCall call : choice.toolCalls()) {
      ObjectNode node = calls.addObject();
      if (withIndex) {
        node.put("index", call.index());
      }
      node.put("id", call.id());
      node.put("type", "function");
      ObjectNode function = node.putObject("function");
      function.put("name", call.name());
      function.put("arguments", call.arguments());
      ThoughtSignatures.write(node, call.thoughtSignature());
    }
    return calls;
  }
}
