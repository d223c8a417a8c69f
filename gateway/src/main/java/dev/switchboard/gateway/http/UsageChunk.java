package dev.switchboard.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Builds the final {@code choices: []} usage chunk OpenAI sends with {@code include_usage}, for
 * upstreams that report usage elsewhere (e.g. Groq's {@code x_groq.usage}).
 */
final class UsageChunk {

  private UsageChunk() {}

  static ObjectNode of(String id, String model, long created, TokenUsage usage, Double costUsd) {
    ObjectNode chunk = JsonCodec.object();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    chunk.put("system_fingerprint", ChunkShaper.DEFAULT_FINGERPRINT);
    chunk.putArray("choices");
    ObjectNode body = chunk.putObject("usage");
    long prompt = orZero(usage.promptTokens());
    long completion = orZero(usage.completionTokens());
    body.put("prompt_tokens", prompt);
    body.put("completion_tokens", completion);
    body.put("total_tokens", prompt + completion);
    body.putObject("prompt_tokens_details").put("cached_tokens", orZero(usage.cachedReadTokens()));
    if (usage.reasoningTokens() != null) {
      body.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    }
    if (costUsd != null) {
      body.put("cost", costUsd);
    }
    return chunk;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
