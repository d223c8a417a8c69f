package dev.switchboard.gateway.provider.anthropic;

import static dev.switchboard.gateway.provider.anthropic.AnthropicJson.count;
import static dev.switchboard.gateway.provider.anthropic.AnthropicJson.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Holds an Anthropic {@code usage} object as reported (null = field absent), merged field by field
 * across a stream, and converts it to the normalized and the OpenAI shapes.
 *
 * @param inputTokens uncached input tokens (Anthropic's {@code input_tokens} excludes cache reads
 *     and writes)
 * @param thinkingTokens {@code output_tokens_details.thinking_tokens}, when reported
 */
record AnthropicUsage(
    Long inputTokens,
    Long outputTokens,
    Long cacheCreationInputTokens,
    Long cacheReadInputTokens,
    Long thinkingTokens) {

  static final AnthropicUsage NONE = new AnthropicUsage(null, null, null, null, null);

  /**
   * Returns this usage with every field present in {@code usage} replaced. Stream usage is
   * cumulative, so {@code message_delta.usage} overrides {@code message_start.usage} (whose {@code
   * output_tokens} is a placeholder). With server-side compaction, {@code iterations[]} lists one
   * entry per internal call and the top-level fields cover only the last: the sum is billed.
   */
  AnthropicUsage overlay(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return this;
    }
    Long thinking = count(object(usage, "output_tokens_details"), "thinking_tokens");
    JsonNode iterations = usage.get("iterations");
    JsonNode source = usage;
    if (iterations != null && iterations.isArray() && !iterations.isEmpty()) {
      source = sumOf(iterations);
    }
    return new AnthropicUsage(
        pick(count(source, "input_tokens"), inputTokens),
        pick(count(source, "output_tokens"), outputTokens),
        pick(count(source, "cache_creation_input_tokens"), cacheCreationInputTokens),
        pick(count(source, "cache_read_input_tokens"), cacheReadInputTokens),
        pick(thinking, thinkingTokens));
  }

  /** Returns whether input or output counts were reported. */
  boolean isReported() {
    return inputTokens != null || outputTokens != null;
  }

  /**
   * Returns the normalized usage (wire-formats §0): prompt = input + cache writes + cache reads,
   * completion = output (thinking included), reasoning only when Anthropic reports it.
   */
  TokenUsage toTokenUsage() {
    if (!isReported()) {
      return TokenUsage.unknown();
    }
    long written = cacheCreationInputTokens == null ? 0 : cacheCreationInputTokens;
    long read = cacheReadInputTokens == null ? 0 : cacheReadInputTokens;
    Long prompt = inputTokens == null ? null : inputTokens + written + read;
    return new TokenUsage(prompt, outputTokens, thinkingTokens, read, written);
  }

  /**
   * Renders {@code usage} as an OpenAI usage object, with the cache split OpenAI and OpenRouter
   * clients read ({@code prompt_tokens_details.cached_tokens} and {@code cache_write_tokens}).
   */
  static ObjectNode toOpenAi(TokenUsage usage) {
    long prompt = usage.promptTokens() == null ? 0 : usage.promptTokens();
    long completion = usage.completionTokens() == null ? 0 : usage.completionTokens();
    ObjectNode node = JsonCodec.object();
    node.put("prompt_tokens", prompt);
    node.put("completion_tokens", completion);
    node.put("total_tokens", prompt + completion);
    ObjectNode promptDetails = node.putObject("prompt_tokens_details");
    promptDetails.put("cached_tokens", orZero(usage.cachedReadTokens()));
    promptDetails.put("cache_write_tokens", orZero(usage.cacheWriteTokens()));
    if (usage.reasoningTokens() != null) {
      node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    }
    return node;
  }

  private static ObjectNode sumOf(JsonNode iterations) {
    ObjectNode sum = JsonCodec.object();
    for (String field :
        new String[] {
          "input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"
        }) {
      long total = 0;
      boolean seen = false;
      for (JsonNode iteration : iterations) {
        Long value = count(iteration, field);
        if (value != null) {
          total += value;
          seen = true;
        }
      }
      if (seen) {
        sum.put(field, total);
      }
    }
    return sum;
  }

  private static Long pick(Long reported, Long previous) {
    return reported != null ? reported : previous;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
