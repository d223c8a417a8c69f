package dev.switchboard.gateway.provider.openaicompat;

import static dev.switchboard.gateway.provider.openaicompat.WireJson.count;
import static dev.switchboard.gateway.provider.openaicompat.WireJson.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.telemetry.TokenUsage;

/**
 * Normalizes an OpenAI-compatible {@code usage} object into {@link TokenUsage}, applying the
 * hidden-reasoning rule and each provider's cache field names (wire-formats §0).
 */
public final class OpenAiUsageParser {

  private OpenAiUsageParser() {}

  /**
   * Finds and normalizes the usage carried by one chunk or response body: top-level {@code usage},
   * else Groq's {@code x_groq.usage}, else Moonshot's {@code choices[0].usage}.
   *
   * @return the usage, or null when the message carries none (absent or {@code null})
   */
  public static TokenUsage findIn(JsonNode message) {
    return parse(locate(message));
  }

  /**
   * Returns the usage object one chunk or response body carries, from the first of the places
   * wire-formats §0 rule 3 lists that holds an object, or null.
   */
  static JsonNode locate(JsonNode message) {
    JsonNode usage = object(message, "usage");
    if (usage == null) {
      usage = object(object(message, "x_groq"), "usage");
    }
    if (usage == null) {
      JsonNode choices = message == null ? null : message.get("choices");
      if (choices != null && choices.isArray() && !choices.isEmpty()) {
        usage = object(choices.get(0), "usage");
      }
    }
    return usage;
  }

  /**
   * Normalizes one usage object. Upstream inconsistencies (reasoning greater than completion,
   * totals smaller than the parts) are kept verbatim.
   *
   * @return the usage, or null when {@code usage} is not a JSON object
   */
  public static TokenUsage parse(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    Long prompt = count(usage, "prompt_tokens");
    Long completion = count(usage, "completion_tokens");
    Long total = count(usage, "total_tokens");
    Long reasoning = count(object(usage, "completion_tokens_details"), "reasoning_tokens");
    if (prompt != null && completion != null && total != null) {
      // xAI and Gemini's OpenAI endpoint leave reasoning out of completion_tokens but not out of
      // total_tokens; the surplus is hidden output. A smaller total is left alone.
      long hidden = total - prompt - completion;
      if (hidden > 0) {
        completion += hidden;
        if (reasoning == null) {
          reasoning = hidden;
        }
      }
    }
    return new TokenUsage(prompt, completion, reasoning, cachedRead(usage), cacheWrite(usage));
  }

  private static long cachedRead(JsonNode usage) {
    Long cached = count(object(usage, "prompt_tokens_details"), "cached_tokens");
    if (cached == null) {
      cached = count(usage, "prompt_cache_hit_tokens"); // DeepSeek
    }
    if (cached == null) {
      cached = count(usage, "cached_tokens"); // Moonshot/Kimi
    }
    return cached == null ? 0 : cached;
  }

  private static long cacheWrite(JsonNode usage) {
    Long written = count(object(usage, "prompt_tokens_details"), "cache_write_tokens");
    return written == null ? 0 : written;
  }
}
