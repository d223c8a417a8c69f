package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;

/**
 * Compares what an adapter measured with a wire fixture's {@code expected.json} (shared by the
 * contract tests of every provider family): usage, tool calls, finish reasons and text lengths.
 */
public final class ExpectedSummary {
  private ExpectedSummary() {}

  /** Asserts every measured field of {@code summary} against {@code expected}, reporting all misses. */
  public static void assertMatches(ResponseSummary summary, JsonNode expected) {
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(summary.usage().promptTokens()).as("prompt").isEqualTo(count(expected, "prompt_tokens"));
    softly.assertThat(summary.usage().completionTokens()).as("completion").isEqualTo(count(expected, "completion_tokens"));
    softly.assertThat(summary.usage().reasoningTokens()).as("reasoning").isEqualTo(count(expected, "reasoning_tokens"));
    if (summary.usage().isReported()) {
      softly.assertThat(summary.usage().cachedReadTokens()).as("cached_read").isEqualTo(count(expected, "cached_read_tokens"));
      softly.assertThat(summary.usage().cacheWriteTokens()).as("cache_write").isEqualTo(count(expected, "cache_write_tokens"));
    } else {
      // an error body reports no usage: "not reported", where expected.json writes 0
      softly.assertThat(summary.usage().cachedReadTokens()).as("cached_read").isNull();
      softly.assertThat(summary.usage().cacheWriteTokens()).as("cache_write").isNull();
    }
    softly.assertThat(summary.toolCalls()).as("tool_calls").isEqualTo(expected.get("tool_calls").asInt());
    softly.assertThat(summary.finishReason().wireName()).as("finish").isEqualTo(expected.get("finish_reason").asText());
    softly.assertThat(summary.nativeFinishReason()).as("native finish").isEqualTo(text(expected, "native_finish_reason"));
    softly.assertThat(summary.textChars()).as("text_chars").isEqualTo(expected.get("text_chars").asLong());
    softly.assertThat(summary.reasoningChars()).as("reasoning_chars").isEqualTo(expected.get("reasoning_chars").asLong());
    softly.assertAll();
  }

  /** Returns a count field, null when absent or null. */
  public static Long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asLong();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
