package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.provider.openaicompat.OpenAiUsageParser;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Rewrites upstream answers into what OpenAI and OpenRouter clients validate: our request id, the
 * public model name, a string {@code system_fingerprint}, and every field the SDKs read.
 */
final class ChunkShaper {
  static final String DEFAULT_FINGERPRINT = "fp_switchboard";

  private ChunkShaper() {}

  /** Shapes a whole {@code chat.completion} in place. */
  static ObjectNode shapeCompletion(ObjectNode body, String id, String model, long created) {
    shapeCommon(body, id, model, created, "chat.completion");
    for (JsonNode choice : body.path("choices")) {
      if (choice instanceof ObjectNode c) {
        putNullIfMissing(c, "logprobs");
        putNullIfMissing(c, "finish_reason");
      }
    }
    return body;
  }

  /** Shapes one {@code chat.completion.chunk} in place; drops usage unless the client asked. */
  static ObjectNode shapeChunk(
      ObjectNode chunk, String id, String model, long created, boolean includeUsage) {
    shapeCommon(chunk, id, model, created, "chat.completion.chunk");
    for (JsonNode choice : chunk.path("choices")) {
      if (choice instanceof ObjectNode c) {
        putNullIfMissing(c, "logprobs");
        putNullIfMissing(c, "finish_reason");
        if (!includeUsage) {
          c.remove("usage");
        }
      }
    }
    if (includeUsage) {
      putNullIfMissing(chunk, "usage");
    } else {
      chunk.remove("usage");
    }
    return chunk;
  }

  /**
   * Restates a message's {@code usage} as the gateway records it, so the client and the record
   * agree: reasoning that xAI and Gemini's OpenAI endpoint leave out of {@code completion_tokens}
   * is counted in and shown as {@code completion_tokens_details.reasoning_tokens}, and cache reads
   * reported under other names (DeepSeek, Moonshot) appear as {@code
   * prompt_tokens_details.cached_tokens}. Returns whether anything changed.
   */
  static boolean alignUsage(ObjectNode message) {
    if (!(message.get("usage") instanceof ObjectNode usage)) {
      return false;
    }
    TokenUsage recorded = OpenAiUsageParser.parse(usage);
    if (recorded == null || !recorded.isReported()) {
      return false;
    }
    boolean changed = false;
    if (recorded.completionTokens() != null
        && recorded.completionTokens() != usage.path("completion_tokens").asLong(-1)) {
      usage.put("completion_tokens", recorded.completionTokens());
      changed = true;
    }
    if (recorded.reasoningTokens() != null
        && !usage.path("completion_tokens_details").path("reasoning_tokens").isNumber()) {
      details(usage, "completion_tokens_details").put("reasoning_tokens", recorded.reasoningTokens());
      changed = true;
    }
    if (recorded.cachedReadTokens() != null
        && recorded.cachedReadTokens() > 0
        && !usage.path("prompt_tokens_details").path("cached_tokens").isNumber()) {
      details(usage, "prompt_tokens_details").put("cached_tokens", recorded.cachedReadTokens());
      changed = true;
    }
    Long total = recorded.totalTokens();
    if (total != null && total > usage.path("total_tokens").asLong(-1)) {
      usage.put("total_tokens", total);
      changed = true;
    }
    return changed;
  }

  /** Returns a message holding only {@code usage}, for restating a usage kept apart from its answer. */
  static ObjectNode holding(ObjectNode usage) {
    ObjectNode message = JsonCodec.object();
    message.set("usage", usage);
    return message;
  }

  private static ObjectNode details(ObjectNode usage, String field) {
    return usage.get(field) instanceof ObjectNode existing ? existing : usage.putObject(field);
  }

  /** Returns the provider-reported cost in {@code usage.cost} (OpenRouter), or null. */
  static Double reportedCost(ObjectNode message) {
    JsonNode cost = message.path("usage").path("cost");
    return cost.isNumber() ? cost.doubleValue() : null;
  }

  /**
   * Puts {@code usage.cost} (USD, as OpenRouter's usage accounting) into a message that carries a
   * usage object; a cost the provider already reported is kept.
   */
  static void putCost(ObjectNode message, Double costUsd) {
    if (costUsd != null && message.get("usage") instanceof ObjectNode usage && !usage.has("cost")) {
      usage.put("cost", costUsd);
    }
  }

  /** Returns whether a shaped chunk carries nothing for a client that did not ask for usage. */
  static boolean isEmptyUsageOnlyChunk(ObjectNode chunk) {
    return chunk.path("choices").isEmpty() && !chunk.has("usage") && !chunk.has("error");
  }

  private static void shapeCommon(ObjectNode node, String id, String model, long created, String object) {
    node.put("id", id);
    node.put("object", object);
    if (!node.path("created").isNumber()) {
      node.put("created", created);
    }
    node.put("model", model);
    if (!node.path("system_fingerprint").isTextual()) {
      node.put("system_fingerprint", DEFAULT_FINGERPRINT);
    }
    if (!node.path("choices").isArray()) {
      node.putArray("choices");
    }
  }

  private static void putNullIfMissing(ObjectNode node, String field) {
    if (!node.has(field)) {
      node.putNull(field);
    }
  }
}
