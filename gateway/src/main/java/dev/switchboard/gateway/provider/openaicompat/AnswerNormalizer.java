package dev.switchboard.gateway.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.telemetry.FinishReason;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an upstream answer, once measured, into what OpenAI-style clients read:
 *
 * <ul>
 *   <li>reasoning text in one place, {@code message.reasoning} / {@code delta.reasoning} as
 *       OpenRouter does, whichever field the provider used ({@code reasoning_content}, {@code
 *       reasoning}, Mistral {@code thinking} parts); the provider's own field stays as sent, except
 *       that a Mistral content array of text and thinking parts becomes the string OpenAI clients
 *       require;
 *   <li>no reasoning text at all when the client asked {@code reasoning.exclude};
 *   <li>a finish reason outside OpenAI's set mapped to it (wire-formats §6), the provider's value
 *       kept in {@code native_finish_reason};
 *   <li>tool calls with the {@code type} and stream {@code index} OpenAI SDKs need;
 *   <li>in a stream, an in-band failure (a finish reason meaning error, MiniMax {@code base_resp})
 *       carried as a top-level {@code error} object, which OpenAI SDKs raise.
 * </ul>
 */
final class AnswerNormalizer {

  /** The finish reasons OpenAI clients know: any other is mapped to one of them. */
  static final Set<String> OPENAI_FINISH_REASONS =
      Set.of("stop", "length", "tool_calls", "content_filter", "function_call");

  private final boolean excludeReasoning;

  /** Stream index given to each call that arrived without one, by choice and call id. */
  private final Map<String, Integer> toolIndexById = new HashMap<>();

  private final Map<Integer, Integer> nextToolIndex = new HashMap<>();

  AnswerNormalizer(boolean excludeReasoning) {
    this.excludeReasoning = excludeReasoning;
  }

  /** Normalizes one {@code chat.completion.chunk} in place. */
  void chunk(ObjectNode chunk) {
    if (chunk.path("created").isNumber() && chunk.get("created").asLong() == 0) {
      chunk.remove("created"); // Azure's prompt-filter chunk says 0; the relay stamps the time
    }
    String errorFinish = normalizeChoices(chunk, "delta");
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      return;
    }
    UpstreamError failure = BaseRespError.in(chunk);
    if (failure == null && errorFinish != null) {
      failure = finishedWithError(errorFinish);
    }
    if (failure != null) {
      chunk.set("error", errorObject(failure));
    }
  }

  /** Normalizes a whole {@code chat.completion} in place. */
  void completion(ObjectNode body) {
    normalizeChoices(body, "message");
  }

  /** Returns the error of an answer that ended with a finish reason meaning failure. */
  static UpstreamError finishedWithError(String nativeFinishReason) {
    return new UpstreamError(
        502,
        "upstream_error",
        nativeFinishReason,
        "The provider stopped the answer with finish reason '" + nativeFinishReason + "'.",
        null);
  }

  /** Returns the native finish reason of a choice that ended in error, else null. */
  private String normalizeChoices(ObjectNode root, String part) {
    String errorFinish = null;
    for (JsonNode choice : root.path("choices")) {
      if (!(choice instanceof ObjectNode c)) {
        continue;
      }
      if (c.get(part) instanceof ObjectNode message) {
        reasoning(message);
        toolCalls(c.path("index").asInt(0), message, part.equals("delta"));
      }
      JsonNode finish = c.get("finish_reason");
      if (finish != null
          && finish.isTextual()
          && !OPENAI_FINISH_REASONS.contains(finish.textValue())) {
        String nativeValue = finish.textValue();
        FinishReason normalized = OpenAiFinishReason.normalize(nativeValue);
        if (!c.hasNonNull("native_finish_reason")) {
          c.put("native_finish_reason", nativeValue);
        }
        c.put("finish_reason", normalized.wireName());
        if (normalized == FinishReason.ERROR) {
          errorFinish = nativeValue;
        }
      }
    }
    return errorFinish;
  }

  private void reasoning(ObjectNode message) {
    if (excludeReasoning) {
      stripReasoning(message);
    } else {
      JsonNode own = message.get("reasoning");
      String text = MessageText.reasoning(message);
      boolean alreadyThere = own != null && own.isTextual() && !own.textValue().isEmpty();
      if (!alreadyThere && !text.isEmpty()) {
        message.put("reasoning", text); // OpenRouter, Ollama, Groq already put it there
      }
    }
    flattenTextAndThinkingParts(message);
  }

  /**
   * Turns a Mistral {@code content} array of {@code text} and {@code thinking} parts into the
   * string OpenAI clients require (the OpenAI Java SDK rejects an array); the thinking is in {@code
   * reasoning} by now, and Mistral's own SDK accepts a string too. Other part types are left alone.
   */
  private static void flattenTextAndThinkingParts(ObjectNode message) {
    if (!(message.get("content") instanceof ArrayNode parts)) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      String type = part.path("type").asText();
      if (type.equals("text")) {
        text.append(part.path("text").asText(""));
      } else if (!type.equals("thinking")) {
        return;
      }
    }
    message.put("content", text.toString());
  }

  /**
   * Gives every tool call the {@code type} and, in a stream, the {@code index} OpenAI SDKs key
   * calls by: Mistral sends whole calls with neither (wire-formats §0 rule 7).
   */
  private void toolCalls(int choice, ObjectNode message, boolean stream) {
    for (JsonNode call : message.path("tool_calls")) {
      if (!(call instanceof ObjectNode c)) {
        continue;
      }
      String id = c.path("id").asText("");
      if (!c.has("type") && !id.isEmpty()) {
        c.put("type", "function");
      }
      if (stream && !c.has("index")) {
        int next = nextToolIndex.getOrDefault(choice, 0);
        Integer index = toolIndexById.putIfAbsent(choice + ":" + id, next);
        if (index == null) {
          index = next;
          nextToolIndex.put(choice, next + 1);
        }
        c.put("index", index);
      }
    }
  }

  private static void stripReasoning(ObjectNode message) {
    message.remove("reasoning");
    message.remove("reasoning_content");
    message.remove("reasoning_details");
    if (message.get("content") instanceof ArrayNode parts) {
      for (int i = parts.size() - 1; i >= 0; i--) {
        if ("thinking".equals(parts.get(i).path("type").asText())) {
          parts.remove(i);
        }
      }
    }
  }

  private static ObjectNode errorObject(UpstreamError failure) {
    ObjectNode error = JsonCodec.object();
    error.put("message", failure.message());
    error.put("type", failure.type());
    error.putNull("param");
    error.put("code", failure.code());
    return error;
  }
}
